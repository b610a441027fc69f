"""Action plans from an assessment's results: making one, what a reader sees of it, its CSV,
and "we applied this" from a done action (lessons' own rule, `LessonPage.record_application`:
one application per member, lesson and setting)."""

import csv

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from core.spreadsheets import spreadsheet_safe
from lessons.models import LessonPage

from . import opportunities
from .models import Action, ActionLesson, ActionPlan
from .models.plans import may_keep_plans

SUGGESTED_LESSONS = 2
CSV_HEADER = ("Outcome", "Action", "Owner", "Due date", "Status", "Overdue", "Lessons")


def suggestion(answer):
    """The action suggested for a gap: reach the next level, in the framework's words."""
    level = answer.next_level
    words = level.short_descriptor or level.descriptor
    return f"Reach level {level.number} on {answer.dimension.short_title}: {words}"


def make_plan(assessment, by):
    """The action plan of a closed assessment, made once by one of its organisation's leads:
    one suggested action per outcome below 4, linked to the best development opportunities
    `by` may read. Made again, it is the same plan."""
    if not may_keep_plans(assessment, by):
        raise PermissionDenied
    with transaction.atomic():
        plan, created = ActionPlan.objects.get_or_create(
            assessment=assessment, defaults={"created_by": by}
        )
        if not created:
            return plan
        for opportunity in opportunities.for_assessment(assessment, by, SUGGESTED_LESSONS):
            action = Action.objects.create(
                plan=plan, answer=opportunity.answer, description=suggestion(opportunity.answer)
            )
            ActionLesson.objects.bulk_create(
                ActionLesson(action=action, lesson=found.lesson) for found in opportunity.lessons
            )
    return plan


def actions_for(plan, reader):
    """The plan's actions in outcome order, each with `links`: its lessons this reader may
    read (a linked lesson may since have become private, or be a network's the reader is not
    in)."""
    readable = LessonPage.objects.readable_by(reader)
    links = ActionLesson.objects.filter(lesson__in=readable).select_related("lesson")
    return plan.actions.select_related("answer__dimension__framework").prefetch_related(
        Prefetch("lesson_links", queryset=links.order_by("pk"), to_attr="links")
    )


def save_action(action, by, *, lessons=None, **fields):
    """Change an action (description, owner, due_on, status) and, when given, the lessons it
    draws on. A lesson already recorded as applied from the plan stays linked."""
    if not may_keep_plans(action.plan.assessment, by):
        raise PermissionDenied
    with transaction.atomic():
        for name, value in fields.items():
            setattr(action, name, value)
        if action.is_done and action.done_on is None:
            action.done_on = timezone.localdate()
        elif not action.is_done:
            action.done_on = None
        action.save()
        if lessons is not None:
            action.lesson_links.exclude(lesson__in=lessons).filter(
                application__isnull=True
            ).delete()
            for lesson in lessons:
                ActionLesson.objects.get_or_create(action=action, lesson=lesson)
    return action


def record_applied(link, by):
    """ "We applied this" from a done action, once: the application is recorded by lessons'
    rule (in the organisation's context, for the unit as the setting) and kept on the link;
    asked again, the same application is returned."""
    action = link.action
    assessment = action.plan.assessment
    if not (may_keep_plans(assessment, by) and action.is_done):
        raise PermissionDenied
    with transaction.atomic():
        link = ActionLesson.objects.select_for_update().get(pk=link.pk)
        if link.application is not None:
            return link.application, False
        organisation = assessment.organisation
        link.application = link.lesson.specific.record_application(
            by,
            applied_on=action.done_on or timezone.localdate(),
            what_we_did=action.description,
            organisation_type=organisation.organisation_type,
            region=organisation.region,
            scale=opportunities.SCALES[assessment.unit.kind],
            setting=assessment.unit.name,
        )
        link.save(update_fields=["application"])
    return link.application, True


def write_csv(out, actions, today=None):
    """The plan as CSV rows: one per action, the lessons by title; what people typed is
    shown as typed (core.spreadsheets)."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for action in actions:
        row = (
            action.answer.dimension.label,
            action.description,
            action.owner,
            action.due_on.isoformat() if action.due_on else "",
            action.get_status_display(),
            "Yes" if action.is_overdue(today) else "No",
            "; ".join(link.lesson.title for link in action.links),
        )
        writer.writerow([spreadsheet_safe(cell) for cell in row])

"""After an assessment closes: its development opportunities, the discussion, feedback and
the action plan. Anyone the rule refuses is told "not found" (models/plans.py says who reads
what); someone who may read but not change is refused the change."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import ratelimits
from lessons.models import LessonPage

from . import opportunities, plans
from .models import Action, ActionLesson, ActionPlan, Assessment, Discussion, Feedback
from .models.plans import may_give_feedback, may_keep_plans
from .plan_forms import ActionForm, DiscussionForm, FeedbackForm
from .views import SESSION_MODE


def _assessment(request, pk, *, notes=False):
    assessments = (
        Assessment.objects.with_notes_readable_by(request.user)
        if notes
        else Assessment.objects.readable_by(request.user)
    )
    return get_object_or_404(assessments.select_related("organisation", "unit", "framework"), pk=pk)


def _closed(request, pk, *, notes=False):
    assessment = _assessment(request, pk, notes=notes)
    if not assessment.is_closed:
        raise Http404("Only a closed assessment has this page")
    return assessment


def _context(request, assessment, **more):
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "may_keep": may_keep_plans(assessment, request.user),
        # Session mode (one shared screen): nobody's name on screen, as on the assessment.
        "session_mode": bool(request.session.get(SESSION_MODE)),
        **more,
    }


def development_opportunities(request, pk):
    assessment = _closed(request, pk)
    context = _context(
        request,
        assessment,
        opportunities=opportunities.for_assessment(assessment, request.user),
    )
    return TemplateResponse(request, "assessments/plans/opportunities.html", context)


def discussion(request, pk):
    assessment = _closed(request, pk, notes=True)
    record = Discussion.objects.filter(assessment=assessment).first()
    answers = list(assessment.answers_in_order())
    decided = {d.answer_id: d.decided for d in record.decisions.all()} if record else {}
    may_keep = may_keep_plans(assessment, request.user)
    form = None
    if may_keep:
        initial = {f"decided_{pk}": text for pk, text in decided.items()}
        if record:
            initial.update(held_on=record.held_on, took_part=record.took_part)
        form = DiscussionForm(request.POST or None, initial=initial, answers=answers)
        if request.method == "POST" and form.is_valid():
            Discussion.record(
                assessment,
                request.user,
                held_on=form.cleaned_data["held_on"],
                took_part=form.cleaned_data["took_part"],
                decided=form.decisions(),
            )
            messages.success(request, "The discussion is recorded.")
            return redirect("assessments:discussion", assessment.pk)
    elif request.method == "POST":
        raise PermissionDenied
    outcomes = [(answer, decided.get(answer.pk, "")) for answer in answers]
    context = _context(request, assessment, record=record, outcomes=outcomes, form=form)
    return TemplateResponse(request, "assessments/plans/discussion.html", context)


def feedback(request, pk):
    assessment = _closed(request, pk)
    may_give = may_give_feedback(assessment, request.user)
    form = FeedbackForm(request.POST or None) if may_give else None
    if request.method == "POST":
        if not may_give:
            raise PermissionDenied
        if form.is_valid():
            Feedback.leave(assessment, request.user, form.cleaned_data["text"])
            messages.success(request, "Your feedback is sent to the organisation's leads.")
            return redirect("assessments:feedback", assessment.pk)
    context = _context(
        request,
        assessment,
        feedback=assessment.feedback.all(),
        form=form,
        region=assessment.organisation.get_region_display(),
    )
    return TemplateResponse(request, "assessments/plans/feedback.html", context)


def plan(request, pk):
    assessment = _closed(request, pk, notes=True)
    existing = ActionPlan.objects.filter(assessment=assessment).first()
    if request.method == "POST":
        plans.make_plan(assessment, request.user)  # refuses all but the organisation's leads
        if existing is None:
            messages.success(
                request, "Here is your action plan: one suggested action for each gap."
            )
        return redirect("assessments:plan", assessment.pk)
    return TemplateResponse(
        request, "assessments/plans/plan.html", _plan_context(request, assessment, existing)
    )


def _plan_context(request, assessment, existing):
    actions = list(plans.actions_for(existing, request.user)) if existing else []
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.is_overdue(today)
    return _context(
        request,
        assessment,
        plan=existing,
        actions=actions,
        overdue=sum(action.overdue for action in actions),
    )


def plan_print(request, pk):
    assessment = _closed(request, pk, notes=True)
    existing = get_object_or_404(ActionPlan, assessment=assessment)
    context = _plan_context(request, assessment, existing)
    context["printed_on"] = timezone.localdate()
    return TemplateResponse(request, "assessments/plans/plan_print.html", context)


def plan_csv(request, pk):
    assessment = _closed(request, pk, notes=True)
    existing = get_object_or_404(ActionPlan, assessment=assessment)
    out = io.StringIO()
    plans.write_csv(out, plans.actions_for(existing, request.user))
    name = f"action-plan-{assessment.pk}.csv"
    return HttpResponse(
        out.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _action(request, pk, action):
    assessment = _closed(request, pk, notes=True)
    found = get_object_or_404(
        Action.objects.select_related("plan__assessment", "answer__dimension"),
        pk=action,
        plan__assessment=assessment,
    )
    if not may_keep_plans(assessment, request.user):
        raise PermissionDenied
    return assessment, found


def action_edit(request, pk, action):
    assessment, action = _action(request, pk, action)
    readable = LessonPage.objects.readable_by(request.user)
    at_next = opportunities.lessons_at(action.answer.dimension, action.answer.counted_level + 1)
    offered = readable.filter(
        Q(pk__in=at_next.values("pk")) | Q(pk__in=action.lesson_links.values("lesson"))
    ).order_by("title")
    initial = {"lessons": list(action.lesson_links.values_list("lesson", flat=True))}
    form = ActionForm(request.POST or None, instance=action, initial=initial, lessons=offered)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ActionForm.Meta.fields}
        # Links to lessons this person may not read are not theirs to remove.
        kept = action.lesson_links.exclude(lesson__in=readable).values_list("lesson", flat=True)
        lessons = [*form.cleaned_data["lessons"], *LessonPage.objects.filter(pk__in=kept)]
        plans.save_action(action, request.user, lessons=lessons, **fields)
        messages.success(request, "The action is saved.")
        return redirect("assessments:plan", assessment.pk)
    context = _context(request, assessment, action=action, form=form)
    return TemplateResponse(request, "assessments/plans/action.html", context)


@require_POST
def applied(request, pk, action, lesson):
    """ "We applied this" on a lesson of a done action, once."""
    assessment, action = _action(request, pk, action)
    link = get_object_or_404(
        ActionLesson.objects.select_related("lesson"),
        action=action,
        lesson__in=LessonPage.objects.readable_by(request.user),
        lesson=lesson,
    )
    if not action.is_done:
        raise PermissionDenied
    if not request.user.has_verified_email:
        raise PermissionDenied("Confirm your email address before you record applying a lesson.")
    if link.application is None and (limited := ratelimits.consume(request, "apply")):
        messages.error(
            request,
            f"You have recorded as many applications as we take in {limited.limit.span}. "
            f"Nothing was recorded this time. Try again in {limited.wait}.",
        )
        context = _plan_context(request, assessment, action.plan)
        return TemplateResponse(
            request,
            "assessments/plans/plan.html",
            context,
            status=429,
            headers=limited.headers,
        )
    _, recorded = plans.record_applied(link, request.user)
    if recorded:
        messages.success(request, f"Recorded on “{link.lesson.title}”: your team applied it.")
    else:
        messages.info(request, f"Your team's application of “{link.lesson.title}” is recorded.")
    return redirect("assessments:plan", assessment.pk)

"""Emails about lessons in review go through our tasks, after commit, to the right people.

Wagtail's own workflow emails are sent inside the request, and its submission email goes to
every superuser. For lessons we send ours instead; for any other page Wagtail's are kept. Wagtail
has no setting for that (its WAGTAILADMIN_NOTIFICATION_* settings choose the sender, HTML and
whether superusers are told), so connect() takes over the dispatch_uids under which
wagtail.admin.signal_handlers.register_signal_handlers connects its notifiers: it disconnects
Wagtail's, if wagtail.admin has connected them already, and connects ours under the same
uids, so that Wagtail connecting them later changes nothing. Either order of INSTALLED_APPS
works; tests/lessons/test_workflow_email_handlers.py fails if Wagtail's come back.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import reverse

from wagtail.admin import signal_handlers as wagtail_notifiers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from accounts.roles import site_editors
from core.addresses import absolute_url
from lessons.models import LessonPage, ReviewByNetworkTask, ReviewReminder
from lessons.moderation.changes import since_last_submission
from lessons.moderation.workflow import reviewers_of
from network.tasks import send_templated_email


@task()
def email_reviewers(task_state_id):
    """Ask each reviewer of a submitted lesson to review it."""

    task_state = TaskState.objects.select_related("workflow_state__requested_by", "revision").get(
        pk=task_state_id
    )
    lesson = task_state.revision.as_object()
    comparison = since_last_submission(lesson, task_state)
    context = {
        "lesson": lesson,
        "champion": task_state.workflow_state.requested_by,
        "review_url": absolute_url(reverse("lessons:review", args=[lesson.pk])),
        "admin_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[lesson.pk])),
        "review_days": settings.LESSON_REVIEW_DAYS,
        "resubmitted": comparison is not None and comparison.resubmission,
        "comparison": comparison,
    }
    for reviewer in reviewers_of(lesson):
        send_templated_email(reviewer.email, "lessons/email/review_requested.txt", context)


@task()
def email_decision(workflow_state_id):
    """Tell the lesson's authors whether it was published or needs changes."""
    state = WorkflowState.objects.select_related("requested_by", "current_task_state").get(
        pk=workflow_state_id
    )
    lesson = state.content_object.specific
    authors = list(lesson.authors().filter(is_active=True).order_by("pk"))
    if state.requested_by is None and not authors:
        return
    task_state = state.current_task_state
    context = {
        "lesson": lesson,
        "approved": state.status == WorkflowState.STATUS_APPROVED,
        "comment": task_state.specific.get_comment() if task_state else "",
        "reviewer": task_state.finished_by if task_state else None,
        "lesson_url": absolute_url(lesson),
        "my_lessons_url": absolute_url(reverse("lessons:my_lessons")),
    }
    # Every author is told (the champion and the co-authors), whoever of them submitted it.
    for author in authors:
        send_templated_email(author.email, "lessons/email/decision.txt", context)


@task()
def email_review_reminder(reminder_id):
    """Remind the reviewers (or, later, the site editors) of a review that waits too long."""
    reminder = ReviewReminder.objects.select_related(
        "task_state__workflow_state__requested_by", "task_state__revision"
    ).get(pk=reminder_id)
    task_state = reminder.task_state
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return  # decided meanwhile
    lesson = LessonPage.objects.get(pk=task_state.workflow_state.object_id)
    if reminder.stage == ReviewReminder.Stage.REVIEWERS:
        people = reviewers_of(lesson)
    else:
        people = site_editors().exclude(pk__in=lesson.authors().values("pk"))
    context = {
        "lesson": lesson,
        "champion": task_state.workflow_state.requested_by,
        "sent_on": task_state.started_at,
        "to_site_editors": reminder.stage == ReviewReminder.Stage.SITE_EDITORS,
        "review_url": absolute_url(reverse("lessons:review", args=[lesson.pk])),
        "review_days": settings.LESSON_REVIEW_DAYS,
    }
    for person in people:
        send_templated_email(person.email, "lessons/email/review_reminder.txt", context)


# Wagtail's signals, routed to these tasks for lessons


def _is_lesson(workflow_state):
    return issubclass(workflow_state.content_type.model_class(), LessonPage)


def _lesson_or_wagtail(wagtail_notifier, our_task, sender, instance, **kwargs):
    if not _is_lesson(instance):
        return wagtail_notifier(sender=sender, instance=instance, **kwargs)
    if our_task is not None:
        transaction.on_commit(partial(our_task.enqueue, instance.pk))


def _review_requested(sender, instance, **kwargs):
    if isinstance(instance.task.specific, ReviewByNetworkTask):
        transaction.on_commit(partial(email_reviewers.enqueue, instance.pk))


def connect():
    task_submitted.connect(
        _review_requested, sender=TaskState, dispatch_uid="lessons_review_requested"
    )
    for signal, notifier, our_task, uid in (
        (
            workflow_submitted,
            wagtail_notifiers.workflow_submission_email_notifier,
            None,  # reviewers are asked when the review task starts (task_submitted)
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_approved,
            wagtail_notifiers.workflow_approval_email_notifier,
            email_decision,
            "workflow_state_approved_email_notification",
        ),
        (
            workflow_rejected,
            wagtail_notifiers.workflow_rejection_email_notifier,
            email_decision,
            "workflow_state_rejected_email_notification",
        ),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(
            partial(_lesson_or_wagtail, notifier, our_task),
            sender=WorkflowState,
            dispatch_uid=uid,
            weak=False,
        )

"""Reminders about reviews that wait too long: to the lesson's reviewers once a review waits
past settings.LESSON_REVIEW_DAYS working days (England and Wales: core.working_days), and to
the site editors once it waits that long again. Each reminder goes once per review (a
ReviewReminder row, unique per task state and stage: a resubmission is a new review).
`send_review_reminders` runs them (cron, daily)."""

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.models import TaskState

from core.working_days import add_working_days
from lessons.models import ReviewByNetworkTask, ReviewReminder
from lessons.moderation.emails import email_review_reminder

Stage = ReviewReminder.Stage


def reminders_due(today):
    """[(task state, stage)]: the reminders due on this day and not sent before."""
    days = settings.LESSON_REVIEW_DAYS
    waiting = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task_id__in=ReviewByNetworkTask.objects.values("pk"),
    ).order_by("started_at", "pk")
    sent = set(
        ReviewReminder.objects.filter(task_state__in=waiting).values_list("task_state", "stage")
    )
    due = []
    for state in waiting:
        started = timezone.localdate(state.started_at)
        for stage, after in ((Stage.REVIEWERS, days), (Stage.SITE_EDITORS, 2 * days)):
            if today > add_working_days(started, after) and (state.pk, stage) not in sent:
                due.append((state, stage))
    return due


def send_reminder(task_state, stage):
    """Record the reminder and email it after commit; nothing if it was sent already (by
    another run meanwhile, too). Returns 1 if it is sent now, else 0."""
    try:
        with transaction.atomic():
            reminder = ReviewReminder.objects.create(task_state=task_state, stage=stage)
            transaction.on_commit(partial(email_review_reminder.enqueue, reminder.pk))
    except IntegrityError:
        return 0
    return 1


def send_review_reminders(today=None):
    today = today or timezone.localdate()
    return sum(send_reminder(state, stage) for state, stage in reminders_due(today))

"""Emails about lessons in review, sent in the background once the change that causes them is
saved. Tasks take primary keys: they may run in another process, after the request has gone."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

from lessons.moderation import reviewers_of
from network.tasks import send_templated_email


@task()
def email_reviewers(task_state_id):
    """Ask each reviewer of a submitted lesson to review it."""

    task_state = TaskState.objects.select_related("workflow_state__requested_by", "revision").get(
        pk=task_state_id
    )
    lesson = task_state.revision.as_object()
    context = {
        "lesson": lesson,
        "champion": task_state.workflow_state.requested_by,
        "review_url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        "review_days": settings.LESSON_REVIEW_DAYS,
    }
    for reviewer in reviewers_of(lesson):
        send_templated_email(reviewer.email, "lessons/email/review_requested.txt", context)


@task()
def email_decision(workflow_state_id):
    """Tell the champion whether their lesson was published or needs changes."""
    state = WorkflowState.objects.select_related("requested_by", "current_task_state").get(
        pk=workflow_state_id
    )
    if state.requested_by is None:
        return
    lesson = state.content_object.specific
    task_state = state.current_task_state
    context = {
        "lesson": lesson,
        "approved": state.status == WorkflowState.STATUS_APPROVED,
        "comment": task_state.specific.get_comment() if task_state else "",
        "reviewer": task_state.finished_by if task_state else None,
        "lesson_url": lesson.get_full_url(),
        "my_lessons_url": settings.SITE_URL + reverse("lessons:my_lessons"),
    }
    send_templated_email(state.requested_by.email, "lessons/email/decision.txt", context)

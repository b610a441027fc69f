"""Review before publishing: a lesson a member shares goes live only once a reviewer approves it.

One Wagtail workflow, "Network review", is assigned to the lessons index, so every lesson —
shared on the site or submitted in the admin — passes through its one task,
ReviewByNetworkTask. The task routes each submission by the lesson's network:

- a lesson in a network is reviewed by that network's facilitators;
- a lesson without a network, or one whose only facilitator wrote it, by site editors
  (`accounts.roles.site_editors`);
- nobody reviews their own lesson.

Reviewers approve (which publishes the submitted revision) or request changes with a comment;
the champion edits and resubmits. Emails go through `lessons/moderation/emails.py` after commit.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from lessons.models import LessonPage, ReviewByNetworkTask

WORKFLOW_NAME = "Network review"
TASK_NAME = "Review by the network's facilitators"


def reviewers_of(lesson):
    """Who is asked to review: the network's other facilitators, else the site editors (the
    review rule, LessonPage.reviewers)."""
    return lesson.reviewers()


# The workflow and its place in the tree


@transaction.atomic
def review_workflow():
    """The "Network review" workflow with its one task, created the first time it is needed."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = ReviewByNetworkTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = ReviewByNetworkTask.objects.create(name=TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_review_workflow(lesson_index):
    """Every lesson under this index is reviewed before it is published."""
    WorkflowPage.objects.update_or_create(
        page=lesson_index, defaults={"workflow": review_workflow()}
    )


# What a champion does


class Status:
    """Where a lesson stands, in the champion's words."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"

    LABELS = {
        DRAFT: "Draft",
        IN_REVIEW: "In review",
        CHANGES_REQUESTED: "Changes requested",
        PUBLISHED: "Published",
    }


def status_of(lesson):
    """(status, reviewer's comment or "") for one lesson. A live lesson with an edit in review
    is "in review"; its published version stays up meanwhile."""
    state = lesson.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Status.CHANGES_REQUESTED, reviewer_comment(state)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Status.IN_REVIEW, ""
    if lesson.live and not lesson.has_unpublished_changes:
        return Status.PUBLISHED, ""
    return Status.DRAFT, ""


def lessons_by_status(champion):
    """{status: [(lesson, reviewer's comment)]} for every lesson this champion shared or
    started, the most recently saved first: My lessons and the home page."""
    lessons = (
        LessonPage.objects.authored_by(champion)
        .select_related("network")
        .specific()  # Wagtail prefetches a lesson's workflow states only on a specific queryset
        .prefetch_workflow_states()
        .order_by("-latest_revision_created_at", "-pk")
    )
    by_status = {status: [] for status in Status.LABELS}
    for lesson in lessons:
        status, comment = status_of(lesson)
        by_status[status].append((lesson, comment))
    return by_status


def reviewer_comment(workflow_state):
    task_state = workflow_state.current_task_state
    return task_state.specific.get_comment() if task_state is not None else ""


@transaction.atomic
def submit_for_review(lesson, by):
    """Send the lesson's latest revision to its reviewers, or resubmit it after changes."""
    if not lesson.is_author(by):
        raise PermissionDenied("Only the lesson's authors may submit it.")
    state = lesson.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return state.resume(user=by)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state  # already in review
    return (lesson.get_workflow() or review_workflow()).start(lesson, by)


@transaction.atomic
def withdraw_from_review(lesson, by):
    """Take a lesson back out of review, to edit it further."""
    state = lesson.current_workflow_state
    if state is None or not state.user_can_cancel(by):
        raise PermissionDenied("This lesson is not in review, or not yours to withdraw.")
    state.cancel(user=by)


# What a reviewer does

APPROVE, ASK_FOR_CHANGES = "approve", "reject"


def review_task_state(lesson):
    """The task state of the lesson's review in progress, or None."""
    state = lesson.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None or not isinstance(task_state.task.specific, ReviewByNetworkTask):
        return None
    return task_state


def earlier_reviews(lesson):
    """The reviews this lesson had before (each finished task state, the newest first)."""
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(lesson.pk),
            finished_at__isnull=False,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
    )


@transaction.atomic
def decide(lesson, by, decision, comment=""):
    """Approve (and so publish) the lesson in review, or ask its champion for changes with a
    comment: the same action on the same workflow task as the admin's, so its history shows
    it, and the same emails follow."""
    if decision not in (APPROVE, ASK_FOR_CHANGES):
        raise ValueError(f"No such decision: {decision!r}")
    lesson = type(lesson).objects.select_for_update().get(pk=lesson.pk)
    task_state = review_task_state(lesson)
    if task_state is None or not lesson.is_reviewable_by(by):
        raise PermissionDenied("This lesson is not in review, or not yours to review.")
    if decision == ASK_FOR_CHANGES and not comment.strip():
        raise ValueError("Say what needs to change")
    task_state.task.specific.on_action(task_state, by, decision, comment=comment.strip())

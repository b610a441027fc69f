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

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.models import Workflow, WorkflowPage, WorkflowState, WorkflowTask

from lessons.models import ReviewByNetworkTask

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


def reviewer_comment(workflow_state):
    task_state = workflow_state.current_task_state
    return task_state.specific.get_comment() if task_state is not None else ""


@transaction.atomic
def submit_for_review(lesson, by):
    """Send the lesson's latest revision to its reviewers, or resubmit it after changes."""
    if by.pk != lesson.owner_id:
        raise PermissionDenied("Only the person who shared a lesson may submit it.")
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

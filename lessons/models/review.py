"""Who reviews a lesson, and the review task of the "Network review" workflow
(lessons/moderation/workflow.py sets the workflow up and moves lessons through it).

The rule has two questions, each with a queryset form (LessonPageQuerySet) and a form for one
lesson (Reviewing, mixed into LessonPage), tested equal:

- who *may* review a lesson in review: the facilitators of its network and the site editors,
  never its authors, champion or co-authors (`reviewable_by(user)`,
  `lesson.is_reviewable_by(user)`);
- who is *asked* to: its network's active facilitators but the authors, else the site editors
  (`awaiting_review_by(user)`, `lesson.reviewers()`), whom the emails and reminders go to.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from wagtail.models import Task, TaskState

from accounts.roles import is_site_editor, site_editors
from lessons.models.querysets import FACILITATOR_ACTIONS
from network.models import Membership, NetworkPage, facilitates


class Reviewing:
    """The review rule for one lesson (LessonPage's)."""

    def is_reviewable_by(self, user):
        """The rule of LessonPageQuerySet.reviewable_by, for this one lesson."""
        if not (user.is_authenticated and user.is_active) or self.is_author(user):
            return False
        if not self.workflow_in_progress:
            return False
        if is_site_editor(user):
            return True
        facilitated = NetworkPage.objects.facilitated_by(user)
        return self.network_id is not None and facilitated.filter(pk=self.network_id).exists()

    def reviewers(self):
        """Who is asked to review this lesson: the active facilitators of its network but its
        author, else (no network, or no such facilitator) the site editors but its author. The
        rule of LessonPageQuerySet.awaiting_review_by, for this one lesson, as people."""
        User = get_user_model()
        facilitators = User.objects.none()
        if self.network_id:
            facilitators = User.objects.filter(
                is_active=True,
                memberships__network=self.network_id,
                memberships__role=Membership.Role.FACILITATOR,
            )
        authors = self.authors().values("pk")
        if facilitators.exclude(pk__in=authors).exists():
            return facilitators.exclude(pk__in=authors).distinct()
        return site_editors().exclude(pk__in=authors)

    def is_correctable_by(self, user, request=None):
        """The rule of LessonPageQuerySet.correctable_by, for this one lesson. `request`: the
        one being answered for `user`, which keeps who facilitates (network.models.facilitates)."""
        if not (user.is_authenticated and user.is_active) or not self.live:
            return False
        if self.has_unpublished_changes or not self.network_id:
            return False
        return facilitates(user, self.network_id, request) and not self.workflow_in_progress

    def correction_goes_to_review(self, user):
        """A correction by one of the lesson's authors is reviewed like any edit of theirs;
        anyone else's is published at once."""
        return self.is_author(user)

    def facilitator_actions(self, user):
        """The rule of LessonPageQuerySet.facilitated_by, for this one lesson: the admin actions
        this person may take on it as its reviewer."""
        return set(FACILITATOR_ACTIONS) if self.is_reviewable_by(user) else set()


class ReviewByNetworkTask(Task):
    class Meta:
        verbose_name = "network review"
        verbose_name_plural = "network reviews"

    @classmethod
    def get_description(cls):
        return (
            "Facilitators of the lesson's network review it; site editors review lessons "
            "without a network. Nobody reviews their own lesson."
        )

    def user_can_access_editor(self, obj, user):
        return may_review(obj.specific, user)

    def locked_for_user(self, obj, user):
        # While a lesson is in review only its reviewers may change it.
        return not may_review(obj.specific, user)

    def user_can_lock(self, obj, user):
        return may_review(obj.specific, user)

    def get_actions(self, obj, user):
        if not may_review(obj.specific, user):
            return []
        return [
            ("reject", "Request changes", True),
            ("approve", "Approve and publish", False),
            ("approve", "Approve with comment", True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # By name: lesson pages are defined beside this task.
        lessons = apps.get_model("lessons", "LessonPage").objects.reviewable_by(user)
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).filter(
            workflow_state__object_id__in=[str(pk) for pk in lessons.values_list("pk", flat=True)]
        )


def may_review(lesson, user):
    """Whether this person may review this lesson now (LessonPage.is_reviewable_by)."""
    return lesson.is_reviewable_by(user)


class ReviewReminder(models.Model):
    """A reminder sent about one review (a task state: a resubmission starts a new one), to
    its reviewers once it waits past LESSON_REVIEW_DAYS working days, and to the site editors
    once it waits that long again. One row each, so each reminder goes once."""

    class Stage(models.TextChoices):
        REVIEWERS = "reviewers", "Its reviewers"
        SITE_EDITORS = "site_editors", "The site editors"

    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "stage"], name="one_review_reminder_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.get_stage_display()} reminded about review {self.task_state_id}"

"""The review task of the "Network review" workflow (lessons/moderation/workflow.py sets the
workflow up and moves lessons through it), and who may review a lesson."""

from django.apps import apps

from wagtail.models import Task, TaskState

from accounts.roles import is_site_editor


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
        in_review = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if is_site_editor(user):
            return in_review.exclude(workflow_state__requested_by=user)
        # By name: lesson pages are defined beside this task.
        lessons = apps.get_model("lessons", "LessonPage").objects.facilitated_by(user)
        return in_review.filter(
            workflow_state__object_id__in=[str(pk) for pk in lessons.values_list("pk", flat=True)]
        )


def may_review(lesson, user):
    """LessonPageQuerySet.facilitated_by's rule, widened to site editors, who may review any
    lesson but their own."""
    if not user.is_authenticated or not user.is_active or user.pk == lesson.owner_id:
        return False
    return is_site_editor(user) or bool(lesson.facilitator_actions(user))

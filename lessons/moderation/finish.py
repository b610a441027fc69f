"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail publishes the approved revision as the approver, checking that they may publish the
page. A lesson's reviewers were checked by the review task itself (only they are offered
"approve"), and the permission they had while it was in review ended with the approval, so an
approved lesson is published without checking again. Other pages keep Wagtail's behaviour.

Wagtail reads this setting while its models load, so this module imports nothing at its top.
"""


def publish_approved(workflow_state, user=None):
    from wagtail.workflows import publish_workflow_state  # noqa: PLC0415 (see above)

    from lessons.models import ReviewByNetworkTask  # noqa: PLC0415 (see above)

    task_state = workflow_state.current_task_state
    if task_state is not None and isinstance(task_state.task.specific, ReviewByNetworkTask):
        # The revision the reviewer approved, not a later one.
        return task_state.revision.publish(user=user, skip_permission_checks=True)
    return publish_workflow_state(workflow_state, user=user)

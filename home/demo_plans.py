"""What follows a demo assessment's close (home/demo/assessments.json): when it closed, the
discussion, the region's lead's feedback and the action plan, made as a lead makes it (one
suggested action per gap, linked to the peers' lessons the lead may read)."""

import datetime

from django.utils import timezone

from assessments import plans
from assessments.models import Discussion, Feedback
from network.models.roles import leads_for


def load_after_closing(assessment, spec, lead):
    if spec.get("closed_on"):
        closed = datetime.date.fromisoformat(spec["closed_on"])
        assessment.closed_at = timezone.make_aware(
            datetime.datetime.combine(closed, datetime.time(16))
        )
        assessment.save(update_fields=["closed_at"])
    answers = {
        answer.dimension.code: answer for answer in assessment.answers.select_related("dimension")
    }
    if discussion := spec.get("discussion"):
        Discussion.record(
            assessment,
            lead,
            held_on=datetime.date.fromisoformat(discussion["held_on"]),
            took_part="\n".join(discussion["took_part"]),
            decided={answers[code].pk: text for code, text in discussion["decided"].items()},
        )
    region_lead = leads_for(assessment.organisation.region).order_by("pk").first()
    for text in spec.get("feedback", []) if region_lead else []:
        Feedback.leave(assessment, region_lead, text)
    if actions := spec.get("action_plan"):
        plan = plans.make_plan(assessment, lead)
        for action in plan.actions.select_related("answer__dimension"):
            if changes := actions.get(action.answer.dimension.code):
                plans.save_action(
                    action,
                    lead,
                    owner=changes["owner"],
                    due_on=datetime.date.fromisoformat(changes["due_on"]),
                    status=changes["status"],
                )

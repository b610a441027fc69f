"""What follows a closed assessment's results, for each reader: `{% after_closing assessment %}`
on the results page."""

from django import template

from assessments.models import ActionPlan, Discussion
from assessments.models.plans import plans_are_readable_by

register = template.Library()


@register.inclusion_tag("assessments/plans/after_closing.html", takes_context=True)
def after_closing(context, assessment):
    readable = plans_are_readable_by(assessment, context["request"].user)
    return {
        "assessment": assessment,
        "plans_readable": readable,
        "has_discussion": readable and Discussion.objects.filter(assessment=assessment).exists(),
        "has_plan": readable and ActionPlan.objects.filter(assessment=assessment).exists(),
        "feedback_count": assessment.feedback.count(),
    }

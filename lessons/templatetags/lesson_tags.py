from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.inclusion_tag("lessons/includes/share_invitation.html")
def share_invitation(network=None, heading_level=2):
    """An invitation to share a lesson, saying what happens next. On a network's page the
    form starts with that network chosen (for its members)."""
    url = reverse("lessons:share")
    if network is not None:
        url += "?" + urlencode({"network": network.slug})
    return {
        "url": url,
        "network": network,
        "review_days": settings.LESSON_REVIEW_DAYS,
        "heading_level": heading_level,
    }

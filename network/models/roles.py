"""Regional leads: a role site editors give a member for one or more regions.

The role carries no rights of its own: it is shown on the member's profile, and the apps that
come (campaigns' contacts by region, assessments' feedback and late returns) ask these two,
which are the rule's one home:

    is_regional_lead(user, region=None)   # one person: for this region, or for any
    leads_for(region)                     # many: the active members who lead it

Each region a member leads is one row, given in the Wagtail admin (Settings → Regional leads)
by site editors only.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

from core.vocabulary import Region


class RegionalLead(models.Model):
    """One member leading one region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="regional_leads",
        verbose_name="member",
    )
    region = models.CharField(max_length=30, choices=Region.choices)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "regional lead"
        verbose_name_plural = "regional leads"
        ordering = ["region", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region"],
                name="one_regional_lead_role_per_member_and_region",
                violation_error_message="This member already leads this region.",
            )
        ]

    def __str__(self):
        return f"{self.user} leads {self.get_region_display()}"


def leads_for(region):
    """The active members who lead this region."""
    return get_user_model().objects.filter(is_active=True, regional_leads__region=region)


def is_regional_lead(user, region=None):
    """Whether this person leads this region (any region when none is named)."""
    if not (user.is_authenticated and user.is_active):
        return False
    roles = RegionalLead.objects.filter(user=user)
    if region is not None:
        roles = roles.filter(region=region)
    return roles.exists()


def regions_led_by(user):
    """The names of the regions this person leads, in the vocabulary's order."""
    if not user.is_active:
        return []
    led = set(RegionalLead.objects.filter(user=user).values_list("region", flat=True))
    return [label for value, label in Region.choices if value in led]

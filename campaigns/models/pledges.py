"""A campaign's pledge: signatures, confirmed by email, and milestones reached.

- `Signature.sign(...)` records a signature, or finds the one already there for that email
  (one per email per campaign, held by a unique constraint, so signing again at any moment
  never adds a second); either way the confirmation is emailed (again) after commit.
- A signature counts once confirmed (`Signature.confirm`); confirming records each milestone
  the count has reached, with the date, and a reached milestone stays reached.
- Withdrawing deletes the signature, so the count falls and nothing of the signer is kept.
- `purge_closed(today)`: a set time (settings.PLEDGE_RETENTION_MONTHS) after a pledge closes,
  confirmed signatures lose every detail of the signer (they still count); unconfirmed ones go.
- Three consents, each its own: to be listed publicly, to be contacted by the region's lead,
  to receive the campaign's updates. Each is asked of the queryset (`listed`, `contactable`,
  `receiving_updates`), and every surface (page, export, emails) goes through them.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from accounts.roles import is_site_editor
from campaigns.models.campaign_pages import CampaignPage
from core.vocabulary import Region
from network.models.roles import RegionalLead, is_regional_lead


def new_token():
    return secrets.token_urlsafe(24)


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def listed(self):
        """Supporters who agreed to be listed on the campaign's page."""
        return self.confirmed().filter(listed_publicly=True)

    def receiving_updates(self):
        return self.confirmed().filter(wants_updates=True, email__isnull=False)

    def contactable(self):
        """Signers who agreed that their region's lead may contact them."""
        return self.confirmed().filter(contact_by_lead=True, email__isnull=False)

    def contacts_for(self, user):
        """The contacts this person may export: every contactable signer for a site editor,
        those of the regions they lead for a regional lead, nobody for anyone else."""
        contacts = self.contactable()
        if is_site_editor(user):
            return contacts
        if not (user.is_authenticated and user.is_active):
            return contacts.none()
        led = RegionalLead.objects.filter(user=user).values("region")
        return contacts.filter(region__in=led)

    def may_export(self, user):
        """Whether this person exports any contacts at all (site editors, regional leads)."""
        return is_site_editor(user) or is_regional_lead(user)


class Signature(models.Model):
    campaign = models.ForeignKey(CampaignPage, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    region = models.CharField(max_length=40, choices=Region.choices, blank=True)
    # Lower-cased; None once the details are purged (many purged rows, one constraint).
    email = models.EmailField(max_length=254, null=True, blank=True)  # noqa: DJ001 (see above)
    listed_publicly = models.BooleanField("may be listed publicly", default=False)
    contact_by_lead = models.BooleanField("may be contacted by their region's lead", default=False)
    wants_updates = models.BooleanField("receives the campaign's updates", default=False)
    # The key of the signer's links (confirm, withdraw, stop updates); None once purged.
    token = models.CharField(max_length=64, unique=True, null=True, default=new_token)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"], name="one_signature_per_email_per_campaign"
            )
        ]

    def __str__(self):
        return f"{self.name or 'A signer'} ({self.campaign_id})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @classmethod
    def sign(cls, campaign, *, email, **details):
        """Sign the campaign's pledge, or find the signature this email already made; the
        confirmation (or, when already confirmed, a reminder with the way to withdraw) is
        emailed after commit. Returns (signature, created)."""
        from campaigns import tasks  # noqa: PLC0415 (tasks look models up by name)

        with transaction.atomic():
            signature, created = cls.objects.get_or_create(
                campaign=campaign, email=email.strip().lower(), defaults=details
            )
            transaction.on_commit(lambda: tasks.email_confirmation.enqueue(signature.pk))
        return signature, created

    @classmethod
    def confirm(cls, campaign, token):
        """Confirm the signature this token was sent for: it now counts. None for a token
        that is not this campaign's; a signature confirmed before stays as it was."""
        signature = cls.objects.filter(campaign=campaign, token=token).first()
        if signature is None:
            return None
        if not signature.is_confirmed:
            cls.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
                confirmed_at=timezone.now()
            )
            Milestone.record_reached(campaign)
            signature.refresh_from_db()
        return signature

    @classmethod
    def withdraw(cls, campaign, token):
        """Delete the signature this token was sent for: the count falls, and nothing of the
        signer is kept. Whether there was one."""
        deleted, _ = cls.objects.filter(campaign=campaign, token=token).delete()
        return bool(deleted)

    @classmethod
    def stop_updates(cls, campaign, token):
        updated = cls.objects.filter(campaign=campaign, token=token).update(wants_updates=False)
        return bool(updated)


def signature_count(campaign):
    return Signature.objects.filter(campaign=campaign).confirmed().count()


def supporters_by_organisation(campaign):
    """[(organisation, [signatures])] of the confirmed signers who agreed to be listed."""
    groups = {}
    for signature in Signature.objects.filter(campaign=campaign).listed():
        groups.setdefault(signature.organisation or "Other supporters", []).append(signature)
    return sorted(groups.items(), key=lambda group: group[0].casefold())


class Milestone(Orderable):
    """A number of signatures on the public timeline, with the date it was reached."""

    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="milestones")
    signatures = models.PositiveIntegerField(help_text="For example 1000.")
    reached_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [FieldPanel("signatures")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "signatures"], name="one_milestone_per_number"
            )
        ]

    def __str__(self):
        return f"{self.signatures:,} signatures"

    @classmethod
    def record_reached(cls, campaign):
        """Date each milestone the count has now reached. Only milestones not reached before
        are touched: a milestone stays reached, whatever the count does later."""
        count = signature_count(campaign)
        cls.objects.filter(
            campaign=campaign, reached_at__isnull=True, signatures__lte=count
        ).update(reached_at=timezone.now())


def _months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue


def purge_closed(today=None):
    """Delete signers' details for pledges closed at least PLEDGE_RETENTION_MONTHS ago.
    Returns the number of signatures purged or deleted."""
    today = today or timezone.localdate()
    closed_before = _months_before(today, settings.PLEDGE_RETENTION_MONTHS)
    signatures = Signature.objects.filter(campaign__closes_on__lte=closed_before)
    with transaction.atomic():
        deleted, _ = signatures.filter(confirmed_at__isnull=True).delete()
        purged = (
            signatures.exclude(email__isnull=True, token__isnull=True, name="")
            .filter(confirmed_at__isnull=False)
            .update(
                name="",
                organisation="",
                role="",
                email=None,
                token=None,
                listed_publicly=False,
                contact_by_lead=False,
                wants_updates=False,
            )
        )
    return deleted + purged

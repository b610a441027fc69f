"""Organisations that assess themselves, their units, their assessment leads and participants,
and the invitations that make someone one of them.

Nobody joins an organisation by saying so: site editors create an organisation and invite its
first assessment lead; leads invite everyone else. An invitation names an email address, and
only a member signed in with that address, verified, can accept it.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.roles import is_site_editor
from core.vocabulary import OrganisationType, Region

ODS_CODE = RegexValidator(
    r"^[A-Z0-9]{3,6}\Z",
    "The ODS code must be 3 to 6 letters and digits, for example RH8 or RBA11",
)


class OrganisationQuerySet(models.QuerySet):
    def led_by(self, user):
        """The organisations this person is an assessment lead of."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(pk__in=Lead.objects.filter(user=user).values("organisation"))

    def managed_by(self, user):
        """Those whose units, participants and assessments this person manages: their
        leads; site editors all."""
        if is_site_editor(user):
            return self.all()
        return self.led_by(user)


class Organisation(models.Model):
    name = models.CharField(max_length=255)
    ods_code = models.CharField(
        "ODS code",
        max_length=6,
        unique=True,
        validators=[ODS_CODE],
        help_text="Its NHS Organisation Data Service code: 3 to 6 letters and digits.",
    )
    organisation_type = models.CharField(max_length=30, choices=OrganisationType.choices)
    region = models.CharField(max_length=30, choices=Region.choices)
    workforce_size = models.PositiveIntegerField(
        "workforce size", help_text="How many people work for it (headcount)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def create(cls, *, by, first_lead_email, **fields):
        """A new organisation, its whole-organisation unit, and the invitation of its first
        assessment lead. Site editors only."""
        if not is_site_editor(by):
            raise PermissionDenied
        with transaction.atomic():
            organisation = cls.objects.create(created_by=by, **fields)
            Unit.objects.create(
                organisation=organisation, name=organisation.name, kind=Unit.Kind.WHOLE
            )
            invitation = Invitation.send(
                organisation=organisation, email=first_lead_email, role=Invitation.Role.LEAD, by=by
            )
        return organisation, invitation

    @property
    def whole(self):
        """The organisation as a whole, itself a unit."""
        return self.units.get(kind=Unit.Kind.WHOLE)

    def is_led_by(self, user):
        return bool(
            user.is_authenticated and user.is_active and self.leads.filter(user=user).exists()
        )

    def is_managed_by(self, user):
        return is_site_editor(user) or self.is_led_by(user)


class Unit(models.Model):
    """A part of an organisation that assesses itself: the whole organisation, a directorate,
    a division or a team."""

    class Kind(models.TextChoices):
        WHOLE = "whole", "The whole organisation"
        DIRECTORATE = "directorate", "A directorate"
        DIVISION = "division", "A division"
        TEAM = "team", "A team"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = [
            "organisation",
            models.Case(models.When(kind="whole", then=0), default=1),
            "name",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(kind="whole"),
                name="one_whole_organisation_unit",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="unit_names_differ_within_an_organisation",
                violation_error_message="The organisation already has a unit with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_whole(self):
        return self.kind == self.Kind.WHOLE

    def has_participant(self, user):
        return bool(
            user.is_authenticated
            and user.is_active
            and self.participants.filter(user=user).exists()
        )


class Lead(models.Model):
    """An assessment lead: sees and manages all of the organisation's work."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_leads"
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_lead_role_each")
        ]

    def __str__(self):
        return f"{self.user} leads {self.organisation}'s assessments"


def leads_an_organisation(user):
    """Whether the person is an assessment lead of any organisation (who must then sign in with
    two factors: settings.TWO_FACTOR_ROLES)."""
    return bool(user.is_authenticated and Lead.objects.filter(user=user).exists())


class Participant(models.Model):
    """Someone who takes part in one unit's assessments and sees that unit's work."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_units"
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="one_participation_each")
        ]

    def __str__(self):
        return f"{self.user} takes part in {self.unit}"

    def remove(self, by):
        """Taken off the unit by one of the organisation's leads (or a site editor): they no
        longer see its work. What they recorded stays."""
        if not self.unit.organisation.is_managed_by(by):
            raise PermissionDenied
        self.delete()


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation by email to lead an organisation's assessments or take part in a unit's.
    Only the digest of its token is kept; the token itself is in the email."""

    class Role(models.TextChoices):
        LEAD = "lead", "Assessment lead"
        PARTICIPANT = "participant", "Participant"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role.choices)
    email = models.EmailField()
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    token = None  # only on the instance that sent it

    def __str__(self):
        return f"{self.get_role_display()} of {self.unit or self.organisation}: {self.email}"

    @classmethod
    def send(cls, *, organisation, email, role, by, unit=None):
        """Invite `email`; the email goes once the invitation is saved. Site editors and the
        organisation's leads only; a participant is invited to one of its units."""
        from assessments.tasks import email_invitation  # noqa: PLC0415 -- tasks load models

        if not organisation.is_managed_by(by):
            raise PermissionDenied
        if role == cls.Role.PARTICIPANT and (
            unit is None or unit.organisation_id != organisation.pk
        ):
            raise ValueError("A participant is invited to one of the organisation's units.")
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            organisation=organisation,
            unit=unit if role == cls.Role.PARTICIPANT else None,
            role=role,
            email=email,
            token_digest=_digest(token),
            invited_by=by,
        )
        invitation.token = token
        transaction.on_commit(lambda: email_invitation.enqueue(invitation.pk, token))
        return invitation

    @classmethod
    def open_for(cls, token, user):
        """The invitation this token opens for this person: not yet accepted, and sent to an
        address they have verified. None otherwise (the same for every reason)."""
        if not (user.is_authenticated and user.is_active) or not isinstance(token, str):
            return None
        invitation = (
            cls.objects.filter(token_digest=_digest(token), accepted_at__isnull=True)
            .select_related("organisation", "unit")
            .first()
        )
        if invitation is None:
            return None
        verified = user.emailaddress_set.filter(verified=True, email__iexact=invitation.email)
        return invitation if verified.exists() else None

    def accept(self, user):
        with transaction.atomic():
            if self.role == self.Role.LEAD:
                Lead.objects.get_or_create(organisation=self.organisation, user=user)
            else:
                Participant.objects.get_or_create(unit=self.unit, user=user)
            self.accepted_at, self.accepted_by = timezone.now(), user
            self.save(update_fields=["accepted_at", "accepted_by"])

"""Self-assessments: a unit against a framework's outcomes, one answer per outcome.

Who may read an assessment is one rule with two faces, tested equal
(`Assessment.objects.readable_by(user)`, `assessment.is_readable_by(user)`):
the organisation's assessment leads see all of its work; a unit's participants their unit's;
a region's lead the closed assessments of that region's organisations; site editors all.
Notes are read by the same people but the region's lead (`with_notes_readable_by`,
`notes_are_readable_by`). Assessments are no pages: they are never in search, feeds, the
sitemap or the API.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.roles import is_site_editor
from assessments import levels
from core.private_files import private_storage
from core.vocabulary import LevelField
from maturity.models import Dimension, Framework
from network.models.roles import RegionalLead, is_regional_lead

from .organisations import Lead, Organisation, Participant, Unit


def _active(user):
    return bool(user.is_authenticated and user.is_active)


class AssessmentQuerySet(models.QuerySet):
    def readable_by(self, user):
        return self._rule(user, region_leads=True)

    def with_notes_readable_by(self, user):
        return self._rule(user, region_leads=False)

    def _rule(self, user, *, region_leads):
        if not _active(user):
            return self.none()
        if is_site_editor(user):
            return self.all()
        rule = Q(organisation__in=Lead.objects.filter(user=user).values("organisation")) | Q(
            unit__in=Participant.objects.filter(user=user).values("unit")
        )
        if region_leads:
            regions = RegionalLead.objects.filter(user=user).values("region")
            rule |= Q(status=Assessment.Status.CLOSED, organisation__region__in=regions)
        return self.filter(rule)

    def editable_by(self, user):
        """Drafts their leads and the unit's participants may change."""
        if not _active(user):
            return self.none()
        return self.filter(status=Assessment.Status.DRAFT).filter(
            Q(organisation__in=Lead.objects.filter(user=user).values("organisation"))
            | Q(unit__in=Participant.objects.filter(user=user).values("unit"))
        )


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        CLOSED = "closed", "Closed"

    # Kept beside the unit so the read rule reads one column (a unit never changes organisation).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        started = self.started_at
        return f"{self.unit}: {self.framework.short_title}, {started.day} {started:%B %Y}"

    @classmethod
    def start(cls, *, unit, framework, dimensions, by):
        """A draft with one empty answer per chosen outcome (all of the framework's when none
        are chosen), in the framework's order. Its organisation's leads and the unit's
        participants may start one."""
        if not (unit.organisation.is_led_by(by) or unit.has_participant(by)):
            raise PermissionDenied
        chosen = framework.dimensions.all()
        if dimensions:
            chosen = chosen.filter(pk__in=[d.pk for d in dimensions])
        with transaction.atomic():
            assessment = cls.objects.create(
                organisation=unit.organisation, unit=unit, framework=framework, started_by=by
            )
            Answer.objects.bulk_create(
                Answer(assessment=assessment, dimension=dimension, position=n)
                for n, dimension in enumerate(chosen, start=1)
            )
        return assessment

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    def is_readable_by(self, user):
        return self._rule(user, region_leads=True)

    def notes_are_readable_by(self, user):
        return self._rule(user, region_leads=False)

    def _rule(self, user, *, region_leads):
        if not _active(user):
            return False
        return (
            is_site_editor(user)
            or self.organisation.is_led_by(user)
            or self.unit.has_participant(user)
            or (
                region_leads and self.is_closed and is_regional_lead(user, self.organisation.region)
            )
        )

    def is_editable_by(self, user):
        return not self.is_closed and (
            self.organisation.is_led_by(user) or self.unit.has_participant(user)
        )

    def may_be_closed_by(self, user):
        return not self.is_closed and self.organisation.is_led_by(user)

    def answers_in_order(self):
        return self.answers.select_related("dimension__framework").prefetch_related(
            "dimension__levels", "links", "files"
        )

    def next_unanswered(self):
        return self.answers.filter(agreed_level__isnull=True).order_by("position").first()

    def close(self, by):
        """Closed: read-only from now on. Every outcome must have an agreed level."""
        if not self.may_be_closed_by(by):
            raise PermissionDenied
        with transaction.atomic():
            locked = Assessment.objects.select_for_update().get(pk=self.pk)
            if locked.is_closed:
                return
            if locked.answers.filter(agreed_level__isnull=True).exists():
                raise ValueError(
                    "Every outcome needs an agreed level before the assessment closes."
                )
            self.status, self.closed_at, self.closed_by = self.Status.CLOSED, timezone.now(), by
            self.save(update_fields=["status", "closed_at", "closed_by"])


class Answer(models.Model):
    """What the group agreed for one outcome: its level, the evidence behind it, notes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="+", verbose_name="outcome"
    )
    position = models.PositiveSmallIntegerField()
    agreed_level = LevelField(null=True, blank=True)
    evidence_met = models.BooleanField(
        default=False, help_text="Whether the evidence the agreed level expects is in hand."
    )
    # Kept from levels.counted_level whenever the answer is saved, so results, comparisons and
    # benchmarks read one column.
    counted_level = LevelField(null=True, blank=True, editable=False)
    evidence = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="one_answer_per_outcome"
            ),
            models.UniqueConstraint(fields=["assessment", "position"], name="one_answer_per_page"),
        ]

    def __str__(self):
        return f"{self.dimension.label}: {self.in_words}"

    @property
    def agreed(self):
        return self.dimension.level(self.agreed_level) if self.agreed_level is not None else None

    @property
    def evidence_expected(self):
        """What the agreed level expects as evidence ("" when nothing)."""
        return self.agreed.evidence_expected if self.agreed else ""

    def count(self):
        self.counted_level = levels.counted_level(
            self.agreed_level,
            evidence_expected=bool(self.evidence_expected),
            evidence_met=self.evidence_met,
        )

    @property
    def evidence_missing(self):
        return self.counted_level is not None and self.counted_level != self.agreed_level

    @property
    def in_words(self):
        return levels.in_words(self.agreed_level, self.counted_level)

    def record(
        self, by, *, agreed_level, evidence_met=False, evidence="", notes="", remove=(), **added
    ):
        """Save what the group agreed on this page, and any link or file added to its evidence
        (`link_title`, `link_url`, `file_title`, `file`) or removed from it (`remove`:
        "link-<id>", "file-<id>"): a draft only, by those who may change it. Revisable until
        the assessment is closed."""
        with transaction.atomic():
            assessment = Assessment.objects.select_for_update().get(pk=self.assessment_id)
            if not assessment.is_editable_by(by):
                raise PermissionDenied
            self.agreed_level, self.evidence_met = agreed_level, evidence_met
            self.evidence, self.notes, self.updated_by = evidence, notes, by
            self.count()
            self.save()
            if added.get("link_url"):
                self.links.create(title=added["link_title"], url=added["link_url"])
            if added.get("file"):
                self.files.create(title=added["file_title"], file=added["file"])
            self.links.filter(pk__in=_ids(remove, "link")).delete()
            for file in self.files.filter(pk__in=_ids(remove, "file")):
                stored = file.file
                file.delete()
                transaction.on_commit(lambda stored=stored: stored.delete(save=False))

    @property
    def next_level(self):
        """The level above the counted one, for what to work on next (None at 4)."""
        if self.counted_level is None or self.counted_level >= 4:
            return None
        return self.dimension.level(self.counted_level + 1)


def _ids(choices, kind):
    return [int(choice.partition("-")[2]) for choice in choices if choice.startswith(f"{kind}-")]


def organisations_visible_to(user):
    """The organisations whose page a person may open: those they lead or have a unit of,
    and those with an assessment they may read; site editors all."""
    if is_site_editor(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(pk__in=Organisation.objects.led_by(user).values("pk"))
        | Q(pk__in=Participant.objects.filter(user=user).values("unit__organisation"))
        | Q(pk__in=Assessment.objects.readable_by(user).values("organisation"))
    )


class EvidenceLink(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=255)
    url = models.URLField("address", max_length=2000)

    def __str__(self):
        return self.title


class EvidenceFileQuerySet(models.QuerySet):
    def openable_by(self, user):
        """Files of assessments this person may read (the read rule, whole)."""
        return self.filter(answer__assessment__in=Assessment.objects.readable_by(user))


class EvidenceFile(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=255)
    file = models.FileField(storage=private_storage, upload_to="assessments/evidence/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceFileQuerySet.as_manager()

    def __str__(self):
        return self.title

    def is_openable_by(self, user):
        return self.answer.assessment.is_readable_by(user)

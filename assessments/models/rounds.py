"""Submission rounds: a framework baseline or an annual statistics return, each organisation's
return, the reminders sent, and the publications that freeze a round's figures.

Site editors open a round in the admin. An organisation's assessment leads submit its return:
for a framework round, one closed assessment of the whole organisation covering every outcome
of the framework; for a statistics round, a value for each of the round's metrics. When the
round closes its figures are published and frozen with its peer groups; a return after that
is late and waits for the round's next publication, made only once enough late returns have
come that it isolates nobody (`disclosure`).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from accounts.roles import is_site_editor
from assessments import benchmark, disclosure
from maturity.models import Framework

from .assessments import Assessment
from .organisations import Organisation

REMINDER_DAYS = (14, 3)


class Metric(models.Model):
    """A key metric of the annual statistics, defined by site editors."""

    name = models.CharField(max_length=255, unique=True)
    description = models.TextField(blank=True, help_text="What to count, shown to leads.")
    per_thousand_workforce = models.BooleanField(
        "per 1,000 workforce",
        default=False,
        help_text="Leads give a total; figures are per 1,000 of the organisation's workforce.",
    )
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def key(self):
        return f"metric-{self.pk}"

    @property
    def label(self):
        return f"{self.name} per 1,000 workforce" if self.per_thousand_workforce else self.name


class Round(models.Model):
    class Kind(models.TextChoices):
        FRAMEWORK = "framework", "Framework baseline"
        STATISTICS = "statistics", "Annual statistics"

    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    framework = models.ForeignKey(
        Framework,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a framework baseline: every outcome of it is assessed.",
    )
    metrics = models.ManyToManyField(
        Metric, blank=True, related_name="rounds", help_text="For annual statistics."
    )
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="The last day for returns that count at closing.")
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-closes_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == self.Kind.FRAMEWORK and self.framework_id is None:
            raise ValidationError({"framework": "A framework baseline needs its framework."})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "The round must close after it opens."})

    @property
    def is_statistics(self):
        return self.kind == self.Kind.STATISTICS

    @property
    def is_closed(self):
        return self.closed_at is not None

    def is_open(self, today=None):
        return not self.is_closed and self.opens_on <= (today or timezone.localdate())

    @property
    def measures(self):
        """(key, label) of each figure a return gives, in order."""
        if self.is_statistics:
            return [(m.key, m.label) for m in self.metrics.all()]
        return [(d.code, d.label) for d in self.framework.dimensions.all()]

    def expected(self):
        """The organisations expected to make a return: those with an assessment lead."""
        return Organisation.objects.filter(leads__isnull=False).distinct()

    def missing(self):
        return self.expected().exclude(returns__round=self)

    def submit(self, *, organisation, by, assessment=None, values=None):
        """The organisation's return, by one of its leads: an assessment (framework) or
        {metric: value} (statistics). Once only; after the closing date it is late."""
        if not organisation.is_led_by(by):
            raise PermissionDenied
        today = timezone.localdate()
        if today < self.opens_on:
            raise ValidationError("This round is not open yet.")
        if self.is_statistics:
            if set(values or ()) != set(self.metrics.all()):
                raise ValidationError("A return gives a value for each of the round's metrics.")
            figures = {m.key: _per_thousand(m, values[m], organisation) for m in values}
        else:
            figures = self._assessment_figures(assessment, organisation)
        try:
            with transaction.atomic():
                return Return.objects.create(
                    round=self,
                    organisation=organisation,
                    assessment=assessment,
                    figures=figures,
                    raw=({m.key: str(v) for m, v in values.items()} if values else {}),
                    workforce_size=organisation.workforce_size,
                    submitted_by=by,
                    late=self.is_closed or today > self.closes_on,
                )
        except IntegrityError as error:  # one_return_a_round: made already, or meanwhile
            raise ValidationError("This organisation has already made its return.") from error

    def eligible_assessments(self, organisation):
        """Closed assessments of the organisation as a whole against the round's framework
        that answer every one of its outcomes."""
        outcomes = self.framework.dimensions.count()
        return (
            Assessment.objects.filter(
                organisation=organisation,
                unit__kind="whole",
                framework=self.framework,
                status=Assessment.Status.CLOSED,
            )
            .annotate(answered=models.Count("answers"))
            .filter(answered=outcomes)
        )

    def _assessment_figures(self, assessment, organisation):
        if assessment is None or not self.eligible_assessments(organisation).filter(
            pk=assessment.pk
        ):
            raise ValidationError(
                "Choose a closed assessment of the whole organisation covering every outcome."
            )
        return {a.dimension.code: a.counted_level for a in assessment.answers.all()}

    def close(self, now=None):
        """Closed and published: its figures and peer groups are frozen from now on."""
        with transaction.atomic():
            locked = Round.objects.select_for_update().get(pk=self.pk)
            if locked.is_closed:
                return locked.publications.first()
            self.closed_at = now or timezone.now()
            self.save(update_fields=["closed_at"])
            return self._publish()

    def publish_late_returns(self):
        """A next publication with the late returns, once at least MIN_DIFFERENCE have come
        (fewer would be isolated by the difference); None otherwise."""
        with transaction.atomic():
            Round.objects.select_for_update().get(pk=self.pk)
            waiting = self.returns.filter(publication__isnull=True).count()
            if not self.is_closed or waiting < disclosure.MIN_DIFFERENCE:
                return None
            return self._publish()

    def _publish(self):
        returns = list(self.returns.select_related("organisation").order_by("pk"))
        rows = [r.row() for r in returns]
        earlier = list(self.publications.all())
        peers, shown = benchmark.publish(rows, [(p.peer_groups, p.shown) for p in earlier])
        publication = Publication.objects.create(
            round=self,
            number=len(earlier) + 1,
            measures=earlier[0].measures if earlier else self.measures,
            rows=rows,
            peer_groups=peers,
            shown=shown,
        )
        self.returns.filter(publication__isnull=True).update(publication=publication)
        return publication


def _per_thousand(metric, value, organisation):
    value = float(value)
    if metric.per_thousand_workforce:
        return round(value * 1000 / organisation.workforce_size, 4)
    return value


class Return(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="returns")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="returns")
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raw = models.JSONField(default=dict, help_text="The values as the lead gave them.")
    figures = models.JSONField(default=dict, help_text="Measure key: the figure that counts.")
    workforce_size = models.PositiveIntegerField(help_text="The organisation's, when returned.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    late = models.BooleanField(default=False)
    publication = models.ForeignKey(
        "Publication", null=True, blank=True, on_delete=models.SET_NULL, related_name="returns"
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_return_a_round")
        ]

    def __str__(self):
        return f"{self.organisation}: {self.round}"

    def row(self):
        organisation = self.organisation
        return {
            "organisation": organisation.pk,
            "region": organisation.region,
            "organisation_type": organisation.organisation_type,
            "workforce": self.workforce_size,
            "figures": self.figures,
        }


class Publication(models.Model):
    """A round's figures as published: frozen, never recomputed."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="publications")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    measures = models.JSONField()
    rows = models.JSONField()
    peer_groups = models.JSONField()
    shown = models.JSONField(help_text="Group key: the members of each group that is shown.")

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_publication_number")
        ]

    def __str__(self):
        return f"{self.round}, publication {self.number}"

    def shown_members(self):
        return {key: frozenset(members) for key, members in self.shown.items()}

    def groups(self):
        return {g.key: g for g in benchmark.candidate_groups(self.rows, self.peer_groups)}

    def group(self, key):
        return self.groups().get(key)

    def peer_group_of(self, organisation):
        for n, members in enumerate(self.peer_groups, start=1):
            if organisation.pk in members:
                return f"peers:{n}"
        return None

    def row_of(self, organisation):
        return next((r for r in self.rows if r["organisation"] == organisation.pk), None)


def position_is_visible_to(organisation, user):
    """An organisation's own position is seen only by its assessment leads and site editors."""
    return is_site_editor(user) or organisation.is_led_by(user)


class RoundReminder(models.Model):
    """A reminder sent to an organisation's leads before a round closes: once each."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "days_before"], name="one_reminder_each"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.round}, {self.days_before} days before"


def reminders_due(today):
    """(round, organisation, days) for each reminder due today and not yet sent: the 14-day
    one from 14 days before the closing date, the 3-day one from 3 days before."""
    due = []
    for round_ in Round.objects.filter(closed_at__isnull=True, opens_on__lte=today):
        left = (round_.closes_on - today).days
        if left < 0:
            continue
        sent = set(round_.reminders.values_list("organisation", "days_before"))
        for days in REMINDER_DAYS:
            if left > days or (days == 14 and left <= 3):
                continue
            for organisation in round_.missing():
                if (organisation.pk, days) not in sent:
                    due.append((round_, organisation, days))
    return due


def rounds_to_close(today):
    return Round.objects.filter(closed_at__isnull=True, closes_on__lt=today)

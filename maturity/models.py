"""Maturity frameworks as data: framework → dimension (an outcome or element) → level 0–4.

Every page, email and feed names a level the same way, through `Dimension.label`,
`Dimension.level_label(number)` and `Level.label`: the framework's abbreviation, the dimension's
short title, the level and its short descriptor ("QIOF Outcome 2 · level 2: delivering to teams").
"""

from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.vocabulary import LEVELS, LevelField, validate_slug


class Framework(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=255)
    short_title = models.CharField(max_length=80)
    abbreviation = models.CharField(
        max_length=12,
        help_text="The letters that start every label of its levels, for example “QIOF”.",
    )
    introduction = models.TextField(blank=True)
    board_checklist = models.TextField(
        "Board checklist",
        blank=True,
        help_text="What a Board or executive team checks before a self-assessment: one item "
        "per line.",
    )
    sort_order = models.IntegerField(default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("abbreviation"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("board_checklist"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("maturity:framework", args=[self.slug])

    @property
    def checklist(self):
        return [line.strip() for line in self.board_checklist.splitlines() if line.strip()]


class DimensionManager(models.Manager):
    def get_queryset(self):
        # A dimension's label and name start with its framework's abbreviation.
        return super().get_queryset().select_related("framework")


class Dimension(ClusterableModel):
    """One outcome, element or dimension of a framework, assessed at levels 0–4."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="dimensions")
    code = models.SlugField(
        unique=True,
        validators=[validate_slug],
        help_text="The code used in lesson files and links, for example qiof-2.",
    )
    sort_order = models.IntegerField(default=0)
    title = models.CharField(max_length=255)
    short_title = models.CharField(max_length=80, help_text="For example “Outcome 2”.")
    description = models.TextField(blank=True)

    objects = DimensionManager()

    panels = [
        FieldPanel("framework"),
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("levels", heading="Levels", label="Level", min_num=1, max_num=5),
    ]

    class Meta:
        ordering = ["framework__sort_order", "sort_order", "code"]

    def __str__(self):
        return f"{self.label}: {self.title}"

    def get_absolute_url(self):
        return reverse("maturity:dimension", args=[self.code])

    @property
    def label(self):
        """“QIOF Outcome 2”: the framework's abbreviation and the dimension's short title."""
        return f"{self.framework.abbreviation} {self.short_title}"

    @property
    def full_label(self):
        """“QIOF Outcome 2: Staff have the skills…”: the label and, where it says more, the
        title (“KMSA Leadership”, not “KMSA Leadership: Leadership”). For lists of outcomes."""
        if self.title.strip().casefold() in (self.short_title.casefold(), self.label.casefold()):
            return self.label
        return f"{self.label}: {self.title}"

    def level(self, number):
        """This dimension's level with that number, from `levels` (prefetch it for lists)."""
        return next((level for level in self.levels.all() if level.number == number), None)

    def level_label(self, number, short_descriptor=None):
        """“QIOF Outcome 2 · level 2: delivering to teams” (without the descriptor if the
        level has none). Pass the level's short descriptor when a query already fetched it;
        otherwise it is looked up among `levels`."""
        if short_descriptor is None:
            level = self.level(number)
            short_descriptor = level.short_descriptor if level else ""
        return _label(self, number, short_descriptor)

    def level_choices(self):
        """(number, “Level 2: delivering to teams”) for each level of the scale."""
        return [
            (number, level.short_label if (level := self.level(number)) else f"Level {number}")
            for number in LEVELS
        ]


class Level(Orderable):
    dimension = ParentalKey(Dimension, on_delete=models.CASCADE, related_name="levels")
    number = LevelField()
    name = models.CharField(max_length=80, help_text="A short name, for example “Emerging”.")
    short_descriptor = models.CharField(
        max_length=60,
        help_text="A few words that end the level's label, for example “delivering to teams”.",
    )
    descriptor = models.TextField(help_text="What an organisation at this level looks like.")
    prompts = models.TextField(
        "things to think about",
        blank=True,
        help_text="One question per line.",
    )
    evidence_expected = models.TextField(
        blank=True,
        help_text="The evidence a self-assessment needs to count this level. An organisation "
        "that agrees on the level without it counts one level lower. Leave empty when none "
        "is asked for.",
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("short_descriptor"),
        FieldPanel("descriptor"),
        FieldPanel("prompts"),
        FieldPanel("evidence_expected"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["dimension", "number"], name="unique_level_number"),
        ]

    def __str__(self):
        return f"Level {self.number}: {self.name}"

    @property
    def label(self):
        """“QIOF Outcome 2 · level 2: delivering to teams”."""
        return _label(self.dimension, self.number, self.short_descriptor)

    @property
    def short_label(self):
        """“Level 2: delivering to teams”, where the dimension is already named."""
        return f"Level {self.number}: {self.short_descriptor or self.name}"

    @property
    def prompt_list(self):
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    @property
    def anchor(self):
        return f"level-{self.number}"

    def get_absolute_url(self):
        return f"{self.dimension.get_absolute_url()}#{self.anchor}"


def _label(dimension, number, short_descriptor):
    words = f": {short_descriptor}" if short_descriptor else ""
    return f"{dimension.label} · level {number}{words}"

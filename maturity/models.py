"""Maturity frameworks as data: framework → dimension (an outcome or element) → level 0–4."""

from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.vocabulary import LevelField, validate_slug


class Framework(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=255)
    short_title = models.CharField(max_length=80)
    introduction = models.TextField(blank=True)
    sort_order = models.IntegerField(default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("maturity:framework", args=[self.slug])


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
        return f"{self.short_title}: {self.title}"

    def get_absolute_url(self):
        return reverse("maturity:dimension", args=[self.code])


class Level(Orderable):
    dimension = ParentalKey(Dimension, on_delete=models.CASCADE, related_name="levels")
    number = LevelField()
    name = models.CharField(max_length=80, help_text="A short name, for example “Emerging”.")
    descriptor = models.TextField(help_text="What an organisation at this level looks like.")
    prompts = models.TextField(
        "things to think about",
        blank=True,
        help_text="One question per line.",
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("descriptor"),
        FieldPanel("prompts"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["dimension", "number"], name="unique_level_number"),
        ]

    def __str__(self):
        return f"Level {self.number}: {self.name}"

    @property
    def prompt_list(self):
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    @property
    def anchor(self):
        return f"level-{self.number}"

    def get_absolute_url(self):
        return f"{self.dimension.get_absolute_url()}#{self.anchor}"

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from core.metadata import PageMetadata
from network.models.children import NetworkChildPage


class ResourceTheme(TaggedItemBase):
    content_object = ParentalKey("network.ResourcePage", related_name="tagged_themes")


class ResearchSummaryTheme(TaggedItemBase):
    content_object = ParentalKey("network.ResearchSummaryPage", related_name="tagged_themes")


class SharedResource(PageMetadata, NetworkChildPage):
    """What resources and research summaries have in common: themes, dimensions, a network."""

    dimensions = ParentalManyToManyField(
        "maturity.Dimension",
        blank=True,
        related_name="+",
        help_text="The maturity outcomes this speaks to.",
    )
    tagging_panels = [FieldPanel("themes"), FieldPanel("dimensions")]

    class Meta:
        abstract = True


class ResourcePage(SharedResource):
    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", "Toolkit"
        GUIDE = "guide", "Guide"
        TEMPLATE = "template", "Template"
        BACKGROUND_READING = "background_reading", "Background reading"

    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.TOOLKIT)
    themes = ClusterTaggableManager(through=ResourceTheme, blank=True, related_name="resources")
    summary = models.TextField(max_length=1000)
    description_field = "summary"
    body = models.TextField(blank=True)
    link = models.URLField(blank=True, help_text="Where the resource itself lives, if elsewhere.")

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("link"),
        *SharedResource.tagging_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = "resource"


class ResearchSummaryPage(SharedResource):
    """A plain-language summary of research, honest about the limits of its evidence."""

    question = models.TextField(help_text="The question the research asked, in plain words.")
    description_field = "question"
    themes = ClusterTaggableManager(
        through=ResearchSummaryTheme, blank=True, related_name="research_summaries"
    )
    findings = models.TextField("what was found")
    reliability = models.TextField(
        "how reliable it is", help_text="How strong the evidence is, and its limitations."
    )
    applies_to = models.TextField("who it applies to")
    citation = models.TextField("source", help_text="The full citation of the research.")

    content_panels = Page.content_panels + [
        FieldPanel("question"),
        FieldPanel("findings"),
        FieldPanel("reliability"),
        FieldPanel("applies_to"),
        FieldPanel("citation"),
        *SharedResource.tagging_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("question", boost=2),
        index.SearchField("findings"),
        index.SearchField("reliability"),
        index.SearchField("applies_to"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = "research summary"
        verbose_name_plural = "research summaries"

"""Themes: pages facilitators curate on one subject (/themes/<slug>/). A theme gathers a
hand-picked selection, in the facilitator's order, then everything else tagged with any of its
tags, and names the maturity outcomes it relates to. Each reader sees only what they may read."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from core.feeds import alternates
from core.metadata import PageMetadata
from core.pages import SectionIndexPage
from lessons.models import LESSONS_PER_PAGE, LessonPage
from network.models import EventPage, ResearchSummaryPage, ResourcePage
from network.sections import sections_for
from themes.sections import THEME_PAGE_ACTIONS

# What a facilitator may hand-pick: lessons (case studies and reviews are lessons of a kind),
# events, resources and research summaries.
PICKABLE = (LessonPage, EventPage, ResourcePage, ResearchSummaryPage)
TAGGED_EVENTS = 20
THEME_FEED = "theme_feed"  # the URL name of a theme's feed (themes.feeds.ThemeFeed)


def readable(model, user):
    """The pages of one pickable kind that this person may read: the lesson read rule, or the
    network's sharing rule for its events, resources and research summaries."""
    return model.objects.readable_by(user)


class ThemeIndexPage(SectionIndexPage):
    subpage_types = ["themes.ThemePage"]
    default_slug = "themes"
    default_title = "Themes"
    default_intro = (
        "Subjects our facilitators curate: the lessons, events and resources they would start "
        "with, then everything else on the subject."
    )

    class Meta:
        verbose_name = "themes index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = ThemePage.objects.child_of(self).live().order_by("title")
        return context


class ThemeTag(TaggedItemBase):
    content_object = ParentalKey(
        "themes.ThemePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


@dataclass(frozen=True)
class Item:
    """A page listed on a theme, with the facilitator's note if they picked it."""

    page: Page
    note: str = ""

    @property
    def kind(self):
        if isinstance(self.page, LessonPage):
            return self.page.get_kind_display()
        return capfirst(self.page._meta.verbose_name)

    @property
    def summary(self):
        page = self.page
        if isinstance(page, ResearchSummaryPage):
            return page.question
        if isinstance(page, EventPage):
            return page.description
        return page.summary


@dataclass
class ThemeContent:
    """What one reader sees on a theme: hand-picked items in order, then tagged lessons,
    events, resources and research summaries that were not picked."""

    picks: list
    lessons: models.QuerySet
    events: list
    resources: list


class ThemePage(PageMetadata, Page):
    introduction = models.TextField(
        help_text="What the theme is about and why it matters, in a paragraph or two."
    )
    tags = ClusterTaggableManager(
        through=ThemeTag,
        blank=True,
        verbose_name="themes it gathers",
        help_text=(
            "Lessons, events, resources and research summaries with any of these themes are "
            "listed after the hand-picked ones."
        ),
    )
    dimensions = ParentalManyToManyField(
        "maturity.Dimension",
        blank=True,
        related_name="theme_pages",
        verbose_name="maturity outcomes",
        help_text="The framework outcomes this theme relates to.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "picks",
            heading="Hand-picked, in this order",
            label="Item",
            help_text="Lessons, case studies, events, resources and research summaries.",
        ),
        FieldPanel("tags"),
        FieldPanel("dimensions", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = []
    description_field = "introduction"  # its metadata (core/metadata.py); no JSON-LD

    class Meta:
        verbose_name = "theme"

    def tag_ids(self):
        return [tag.pk for tag in self.tags.all()]

    def content_for(self, user):
        picks = self.readable_picks(user)
        picked = [item.page.pk for item in picks]
        tagged = {"tagged_themes__tag_id__in": self.tag_ids()}

        def others(model):
            return readable(model, user).filter(**tagged).exclude(pk__in=picked).distinct()

        return ThemeContent(
            picks=picks,
            lessons=LessonPage.with_reading_relations(
                others(LessonPage).order_by("-date", "title")
            ),
            events=list(others(EventPage).order_by("-start")[:TAGGED_EVENTS]),
            resources=[
                Item(page)
                for page in sorted(
                    [*others(ResourcePage), *others(ResearchSummaryPage)],
                    key=lambda page: page.title.lower(),
                )
            ],
        )

    def readable_picks(self, user):
        """The hand-picked items this person may read, in the facilitator's order, each once."""
        picks = list(self.picks.select_related("page"))
        wanted = {}
        for pick in picks:
            wanted.setdefault(pick.page.specific_class, []).append(pick.page_id)
        found = {}
        for model, ids in wanted.items():
            if model in PICKABLE:
                pages = readable(model, user).filter(pk__in=ids)
                if model is LessonPage:
                    pages = LessonPage.with_reading_relations(pages)
                found.update((page.pk, page) for page in pages)
        items, seen = [], set()
        for pick in picks:
            if pick.page_id in found and pick.page_id not in seen:
                seen.add(pick.page_id)
                items.append(Item(found[pick.page_id], pick.note))
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        content = self.content_for(request.user)
        context.update(
            picks=content.picks,
            lessons=Paginator(content.lessons, LESSONS_PER_PAGE).get_page(request.GET.get("page")),
            events=content.events,
            resources=content.resources,
            tag_list=list(self.tags.all()),
            dimensions=list(self.dimensions.select_related("framework")),
            actions=sections_for(THEME_PAGE_ACTIONS, request, self),
            feeds=alternates(self.title, THEME_FEED, self.slug),
        )
        return context

    @staticmethod
    def lessons_in(themes):
        """A LessonPage filter: the lessons these themes list, tagged or hand-picked."""
        tags = ThemeTag.objects.filter(content_object__in=themes).values("tag_id")
        picks = ThemePick.objects.filter(theme__in=themes).values("page_id")
        return Q(tagged_themes__tag_id__in=tags) | Q(pk__in=picks)

    @classmethod
    def containing(cls, lesson):
        """The live themes that list this lesson: tagged with one of its themes, or picked."""
        # A list, not a subquery: a lesson being previewed keeps its themes in memory.
        lesson_tags = [tag.pk for tag in lesson.themes.all()]
        return (
            cls.objects.live()
            .filter(Q(tagged_items__tag_id__in=lesson_tags) | Q(picks__page=lesson))
            .distinct()
            .order_by("title")
        )


class ThemePick(Orderable):
    theme = ParentalKey(ThemePage, on_delete=models.CASCADE, related_name="picks")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(
        max_length=255, blank=True, help_text="Why it is here, in a sentence (optional)."
    )

    panels = [
        PageChooserPanel("page", [model._meta.label for model in PICKABLE]),
        FieldPanel("note"),
    ]

    def clean(self):
        super().clean()
        if self.page_id and self.page.specific_class not in PICKABLE:
            raise ValidationError(
                {"page": "Choose a lesson, case study, event, resource or research summary."}
            )

"""Themes: pages facilitators curate on one subject (/themes/<slug>/). A theme gathers a
hand-picked selection, in the facilitator's order, then everything else tagged with any of its
tags, and names the maturity outcomes it relates to. Each reader sees only what they may read.

A theme's curators are its creator and the facilitators they add; who may work on a theme in
the admin is themes/permissions.py's rule, whose two forms are here (`editable_by`,
`is_editable_by`; `accepting_themes_from`, `accepts_themes_from`)."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from accounts.roles import is_site_editor
from core.feeds import alternates
from core.metadata import PageMetadata
from core.pages import SectionIndexPage
from lessons.models import LESSONS_PER_PAGE, LessonPage
from lessons.models.querysets import networks_of
from network.models import (
    EventPage,
    Membership,
    NetworkPage,
    Profile,
    ResearchSummaryPage,
    ResourcePage,
)
from network.sections import sections_for
from themes.permissions import ThemeIndexPermissionTester, ThemePermissionTester
from themes.sections import THEME_PAGE_ACTIONS

# What a facilitator may hand-pick: lessons (case studies and reviews are lessons of a kind),
# events, resources and research summaries.
PICKABLE = (LessonPage, EventPage, ResourcePage, ResearchSummaryPage)
TAGGED_EVENTS = 20
THEME_FEED = "theme_feed"  # the URL name of a theme's feed (themes.feeds.ThemeFeed)


def readable(model, user, networks=None):
    """The pages of one pickable kind that this person may read: the lesson read rule, or the
    network's sharing rule for its events, resources and research summaries. `networks` is
    the reader's networks (lessons.models.networks_of) when the caller already has them."""
    if model is LessonPage and networks is not None:
        return LessonPage.objects.readable_by_members_of(networks)
    return model.objects.readable_by(user)


def _active(user):
    return user.is_authenticated and user.is_active


class ThemeIndexPageQuerySet(PageQuerySet):
    def accepting_themes_from(self, user):
        """The themes indexes this person may add a theme under: every one for facilitators of
        a network and site editors, none for anyone else. ThemeIndexPage.accepts_themes_from
        is the same rule for one index."""
        if not _active(user):
            return self.none()
        if is_site_editor(user) or NetworkPage.objects.facilitated_by(user).exists():
            return self.all()
        return self.none()


class ThemeIndexPage(SectionIndexPage):
    subpage_types = ["themes.ThemePage"]
    default_slug = "themes"
    default_title = "Themes"
    default_intro = (
        "Subjects our facilitators curate: the lessons, events and resources they would start "
        "with, then everything else on the subject."
    )

    objects = PageManager.from_queryset(ThemeIndexPageQuerySet)()

    class Meta:
        verbose_name = "themes index"

    def accepts_themes_from(self, user):
        """The rule of ThemeIndexPageQuerySet.accepting_themes_from, for this index."""
        return ThemeIndexPage.objects.accepting_themes_from(user).filter(pk=self.pk).exists()

    def permissions_for_user(self, user):
        return ThemeIndexPermissionTester(user, self)

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


class ThemePageQuerySet(PageQuerySet):
    def editable_by(self, user):
        """The themes this person may change and publish in the admin: those they curate, and
        every theme for site editors. ThemePage.is_editable_by is the same rule for one theme
        (tested equal); themes/permissions.py gives it to the admin."""
        if not _active(user):
            return self.none()
        if is_site_editor(user):
            return self.all()
        return self.filter(curators=user)


def _facilitators(user):
    """Who this person may add as a curator: facilitators of any network whose profiles they
    may see (as an event's speakers are chosen), by the name their profile shows."""
    profiles = Profile.objects.visible_to(user).filter(
        user__memberships__role=Membership.Role.FACILITATOR, user__is_active=True
    )
    return profiles.distinct()


class ThemePageForm(WagtailAdminPageForm):
    """The theme editor. Curators are chosen among the facilitators whose profiles the editing
    person may see, by the name the profile shows; curators they may not see stay curators,
    unnamed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(_facilitators(self.for_user).values_list("user", "display_name"))
        field = self.fields["curators"]
        field.queryset = field.queryset.filter(pk__in=names)
        field.label_from_instance = lambda user: names[user.pk]
        self.unseen_curators = []
        if self.instance.pk:
            current = ThemePage.curators.through.objects.filter(themepage=self.instance.pk)
            self.unseen_curators = [
                pk for pk in current.values_list("user", flat=True) if pk not in names
            ]

    def clean_curators(self):
        chosen = [user.pk for user in self.cleaned_data["curators"]]
        return get_user_model().objects.filter(pk__in=chosen + self.unseen_curators)


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
    curators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="curated_themes",
        help_text=(
            "The facilitators who edit and publish this theme with you. Whoever creates a theme "
            "curates it. Changes to a published theme's curators apply once it is published."
        ),
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
        FieldPanel("curators", widget=forms.CheckboxSelectMultiple),
    ]
    base_form_class = ThemePageForm
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = []
    description_field = "introduction"  # its metadata (core/metadata.py); no JSON-LD

    objects = PageManager.from_queryset(ThemePageQuerySet)()

    class Meta:
        verbose_name = "theme"

    def save(self, *args, **kwargs):
        # Whoever creates a theme curates it: the admin, the demo loader and tests alike.
        if self._state.adding and self.owner_id is not None:
            curators = list(self.curators.all())
            if self.owner not in curators:
                self.curators.set([*curators, self.owner])
        return super().save(*args, **kwargs)

    def is_editable_by(self, user):
        """The rule of ThemePageQuerySet.editable_by, for this one theme."""
        return ThemePage.objects.editable_by(user).filter(pk=self.pk).exists()

    def permissions_for_user(self, user):
        return ThemePermissionTester(user, self)

    def tag_ids(self):
        return [tag.pk for tag in self.tags.all()]

    def content_for(self, user):
        networks = networks_of(user)  # once, for the picks and the tagged lessons alike
        picks = self.readable_picks(user, networks)
        picked = [item.page.pk for item in picks]
        tag_ids = self.tag_ids()

        def others(model):
            # "Has one of the tags" as a subquery: a join would repeat a page once per tag
            # and need a DISTINCT over every readable page.
            taggings = model._meta.get_field("tagged_themes").related_model.objects
            tagged = taggings.filter(tag_id__in=tag_ids).values("content_object_id")
            return readable(model, user, networks).filter(pk__in=tagged).exclude(pk__in=picked)

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

    def readable_picks(self, user, networks=None):
        """The hand-picked items this person may read, in the facilitator's order, each once
        (`networks`: as readable's)."""
        picks = list(self.picks.select_related("page"))
        wanted = {}
        for pick in picks:
            wanted.setdefault(pick.page.specific_class, []).append(pick.page_id)
        found = {}
        for model, ids in wanted.items():
            if model in PICKABLE:
                pages = readable(model, user, networks).filter(pk__in=ids)
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
        # The themes' keys from two indexed look-ups, rather than a DISTINCT over an OR of
        # two joins, which joins every theme's tags and picks first.
        tagged = ThemeTag.objects.filter(tag_id__in=lesson_tags).values("content_object_id")
        picked = ThemePick.objects.filter(page=lesson.pk).values("theme_id")
        return cls.objects.live().filter(Q(pk__in=tagged) | Q(pk__in=picked)).order_by("title")


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

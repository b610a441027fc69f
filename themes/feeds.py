"""A theme's feed (contract 4): /feeds/themes/<slug>/ and its atom/ and json/ forms.

It lists what the theme page shows an anonymous reader (hand-picked and tagged lessons, events,
resources and research summaries), newest first by first publication.
"""

from django.contrib.auth.models import AnonymousUser

from core.addresses import absolute_url
from core.feeds import FEED_LENGTH, Entry, EntryFeed, feed_request, newest_first
from lessons.feeds import lesson_entry
from lessons.models import LessonPage
from network.models import EventPage, ResearchSummaryPage, ResourcePage
from themes.models import Item, ThemePage

KINDS = {EventPage: "event", ResourcePage: "resource", ResearchSummaryPage: "research_summary"}


class ThemeFeed(EntryFeed):
    def get_object(self, request, slug):
        return ThemePage.objects.live().get(slug=slug)

    def title(self, theme):
        return theme.title

    def description(self, theme):
        return theme.introduction

    def link(self, theme):
        return absolute_url(theme, feed_request())

    def items(self, theme):
        content = theme.content_for(AnonymousUser())
        pages = [
            *(item.page for item in content.picks),
            *content.lessons[:FEED_LENGTH],
            *content.events,
            *(item.page for item in content.resources),
        ]
        return newest_first(entry(page) for page in pages)


def entry(page):
    if isinstance(page, LessonPage):
        return lesson_entry(page)
    dimensions = getattr(page, "dimensions", None)
    return Entry(
        title=page.title,
        url=absolute_url(page, feed_request()),
        summary=Item(page).summary,
        published=page.first_published_at,
        updated=page.last_published_at,
        kind=KINDS[type(page)],
        themes=tuple(sorted(theme.name for theme in page.themes.all())),
        maturity=tuple((d.code, None) for d in dimensions.all()) if dimensions else (),
    )

"""Feeds of lessons (contract 4): every public lesson, and each public network's lessons.

Feeds are fetched without signing in, so they list what the read rule gives an anonymous
reader: public, published lessons only, never members-only ones or drafts.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef

from wagtail.models import Page

from core.addresses import absolute_url
from core.feeds import FEED_LENGTH, Entry, EntryFeed, alternates, feed_request
from core.vocabulary import Visibility
from lessons.models import LessonIndexPage, LessonPage
from network.models import NetworkPage

LESSONS_FEED = "lessons_feed"
NETWORK_FEED = "network_feed"


def public_lessons():
    return LessonPage.objects.readable_by(AnonymousUser())


def lesson_entries(lessons, limit=FEED_LENGTH):
    """The newest of these lessons as feed entries. Their ids are read from the pages' index
    on first_published_at, from its end: ordered on the lessons' own table, the query sorted
    every lesson (SQLite cannot tell that a page's id and its lesson's are the same number, so
    the order by both did not match the index)."""
    newest = list(
        Page.objects.filter(Exists(lessons.filter(pk=OuterRef("pk"))))
        .order_by("-first_published_at", "-id")
        .values_list("pk", flat=True)[:limit]
    )
    found = LessonPage.with_reading_relations(LessonPage.objects.all()).in_bulk(newest)
    return [lesson_entry(found[pk]) for pk in newest]


def lesson_entry(lesson):
    return Entry(
        title=lesson.title,
        url=absolute_url(lesson, feed_request()),
        summary=lesson.summary,
        published=lesson.first_published_at,
        updated=lesson.last_published_at,
        kind=lesson.kind,
        themes=tuple(sorted(theme.name for theme in lesson.themes.all())),
        maturity=tuple((link.dimension.code, link.level) for link in lesson.maturity_links.all()),
    )


class LessonsFeed(EntryFeed):
    title = "Lessons learned"
    description = "New lessons, case studies and reviews, newest first."

    def get_object(self, request):
        return LessonIndexPage.objects.live().first()

    def link(self, index):
        return absolute_url(index if index else "/", feed_request())

    def items(self, index):
        return lesson_entries(public_lessons())


class NetworkLessonsFeed(EntryFeed):
    """A public network's lessons. Members-only networks have no feed (it would be empty, and
    its existence would say the network has lessons)."""

    def get_object(self, request, slug):
        return NetworkPage.objects.live().get(slug=slug, visibility=Visibility.PUBLIC)

    def title(self, network):
        return f"Lessons from {network.title}"

    def description(self, network):
        return network.purpose

    def link(self, network):
        return absolute_url(network, feed_request())

    def items(self, network):
        return lesson_entries(public_lessons().filter(network=network))


def lessons_alternates():
    return alternates("Lessons learned", LESSONS_FEED)


def network_alternates(network):
    """The network's feeds, for its page to announce; none for a members-only network."""
    if not (network.is_public and network.live):
        return []
    return alternates(f"Lessons from {network.title}", NETWORK_FEED, network.slug)

"""Feeds in three formats from one django.contrib.syndication Feed: RSS 2.0 at a feed's path,
Atom 1.0 at path + "atom/", JSON Feed 1.1 at path + "json/" (contract 4).

A feed's items are Entries: plain text, with the kind, themes and maturity outcomes that every
format carries as categories. Each format encodes the plain text as its readers expect it.
"""

import datetime
import json
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils import feedgenerator
from django.utils.html import escape

from core.addresses import absolute_url

FEED_LENGTH = 50
# The request a feed is being built for, so its entries' addresses come from the request's copy
# of Wagtail's site roots rather than a cache read each (items() is not given the request).
_feed_request = ContextVar("feed_request", default=None)


def feed_request():
    """The request of the feed being built, or None outside one."""
    return _feed_request.get()


EXTENSION = "_knowledge_network"  # JSON Feed extensions start with an underscore


@dataclass(frozen=True)
class Entry:
    """One item of a feed."""

    title: str
    url: str
    summary: str
    published: datetime.datetime
    updated: datetime.datetime | None
    kind: str
    themes: tuple[str, ...] = ()
    maturity: tuple[tuple[str, int | None], ...] = ()  # (dimension code, level or None)

    @property
    def categories(self):
        return [self.kind, *self.themes, *(code for code, _ in self.maturity)]

    def as_extension(self):
        return {
            "kind": self.kind,
            "themes": list(self.themes),
            "maturity": [
                {"dimension": code, "level": level} if level is not None else {"dimension": code}
                for code, level in self.maturity
            ],
        }


def newest_first(entries, limit=FEED_LENGTH):
    return sorted(entries, key=lambda entry: entry.published, reverse=True)[:limit]


DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RSSFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0. Readers take descriptions (the channel's and the items') and items' titles as
    HTML: escape the plain text. RSS has no author without an email address, so the channel
    names the site as its Dublin Core creator (items do the same, as Django writes them)."""

    def __init__(self, title, link, description, *args, **kwargs):
        super().__init__(title, link, escape(description or ""), *args, **kwargs)

    def add_item(self, title, link, description, **kwargs):
        super().add_item(escape(title), link, escape(description), **kwargs)

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed["author_name"]:
            handler.addQuickElement("dc:creator", self.feed["author_name"])


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom 1.0. Titles are text; summaries are written as type="html": escape them."""

    def add_item(self, title, link, description, **kwargs):
        super().add_item(title, link, escape(description), **kwargs)


class JSONFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), from the same feed and items."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        # Every value is plain text, as JSON Feed says; "<", ">" and "&" are written as \u
        # escapes (the same strings once parsed), so no markup appears in the raw document
        # for a reader that takes it as HTML.
        text = json.dumps(self.document(), ensure_ascii=False, indent=2)
        outfile.write(text.translate(_JSON_ESCAPES))

    def document(self):
        feed = self.feed
        optional = {
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "authors": [
                {key: value for key, value in author.items() if value}
                for author in [{"name": feed["author_name"], "url": feed["author_link"]}]
                if author["name"]
            ],
        }
        return {
            "version": self.version,
            "title": feed["title"],
            **{key: value for key, value in optional.items() if value},
            "items": [self.item(item) for item in self.items],
        }

    def item(self, item):
        optional = {
            "url": item["link"],
            "title": item["title"],
            "summary": item["description"],
            "date_published": _date(item["pubdate"]),
            "date_modified": _date(item["updateddate"]),
            "tags": list(item["categories"]),
        }
        return {
            "id": item["unique_id"] or item["link"],
            "content_text": item["description"] or "",
            **{key: value for key, value in optional.items() if value},
            **{key: value for key, value in item.items() if key.startswith("_")},
        }


_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _date(value):
    return feedgenerator.rfc3339_date(value) if value else None


# (path suffix, URL name suffix, generator, label)
FORMATS = (
    ("", "", RSSFeed, "RSS"),
    ("atom/", "_atom", AtomFeed, "Atom"),
    ("json/", "_json", JSONFeed, "JSON Feed"),
)


class EntryFeed(Feed):
    """A feed whose items() are Entries. Subclasses give get_object, title, link, description
    and items. The author of the feed and of every item is the site (WAGTAIL_SITE_NAME; Atom
    requires one), never a person: a lesson's author may hide their profile."""

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def author_link(self):
        return absolute_url("/")

    def item_author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def get_feed(self, obj, request):
        building = _feed_request.set(request)
        try:
            feed = super().get_feed(obj, request)
        finally:
            _feed_request.reset(building)
        # The feed's own address at the site's public address, like every link in it.
        feed.feed["feed_url"] = absolute_url(request.path)
        return feed

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories

    def item_extra_kwargs(self, entry):
        return {EXTENSION: entry.as_extension()}


def feed_paths(route, feed_class, name):
    """URL patterns for one feed in every format: `route` for RSS, then atom/ and json/."""
    patterns = []
    for suffix, name_suffix, generator, _ in FORMATS:
        feed = feed_class()
        feed.feed_type = generator
        patterns.append(path(route + suffix, feed, name=name + name_suffix))
    return patterns


@dataclass(frozen=True)
class FeedLink:
    """A feed announced in a page's head (<link rel="alternate">) and offered in its body."""

    title: str
    url: str
    type: str
    label: str

    @property
    def noun(self):
        """What a screen reader hears after the label: "RSS feed", but "JSON Feed", whose name
        says it already."""
        return "" if self.label.endswith("Feed") else " feed"


def alternates(title, name, *args):
    """The FeedLinks of one feed in every format, for a page to announce."""
    return [
        FeedLink(
            title=f"{title} ({label})",
            url=reverse(name + name_suffix, args=args),
            type=generator.content_type.split(";")[0],
            label=label,
        )
        for _, name_suffix, generator, label in FORMATS
    ]

"""What members may follow, and what is new in it: registered by the apps that own it.

`following` (follows, email preferences, digests, unsubscribe) sits above themes, lessons and
network and below the apps still to come (campaigns, questions), and may import none of what it
lists: it asks this module, which every app can reach. Each app registers, from its
`AppConfig.ready()`, what it owns:

- a **kind** of thing to follow (`Kind`: "theme", "network", "person"): its model, who may follow
  which (`followable(user)` for many, `may_follow(user, thing)` for one, tested equal), how it is
  named and linked, and how an email says that an item is there because of it;
- an **item kind** (`ItemKind`: lessons, events): a model whose new rows are news, and the
  template of one item in an email;
- **news** (`News`): what is new, for a reader, in followed things of a kind within a `Window` of
  time. The app that owns a kind registers the news of its own (networks: their events), and any
  app above it may add more (lessons add theirs to networks and people; questions will add
  theirs to themes and networks).

The order of kinds and of item kinds (`order`) is the order of the page of what a member
follows, of the reasons in an email ("the theme “Huddles” and South West KM Network") and of
the sections of a digest.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import Signal


@dataclass(frozen=True)
class Kind:
    """A kind of thing members may follow."""

    name: str  # in forms and URLs: "theme"
    model: type[models.Model]
    followable: Callable  # (user) -> a queryset of the things this person may follow
    may_follow: Callable  # (user, thing) -> bool: the same rule for one thing (tested equal)
    order: int
    plural: str  # "themes": the heading on the page of what a member follows, lower-cased
    none_followed: str  # "You do not follow any themes."
    browse: str  # "Browse themes": the link to where they are found
    browse_url: Callable  # (request) -> the address of that link, or None
    reason: Callable = str  # (thing) -> "the theme “Huddles”": why an item is in an email
    title: Callable = str  # (thing) -> its name in messages and lists
    url: Callable = attrgetter("url")  # (thing) -> its address (a page's, unless given)
    # How a thing the member follows but may no longer follow is named: in messages
    # ("this member") and in the list of what they follow. Empty: by its title, as ever.
    hidden_name: str = ""
    hidden_entry: str = ""

    @property
    def heading(self):
        return self.plural.capitalize()


@dataclass(frozen=True)
class ItemKind:
    """A kind of item that is news in what members follow: lessons, events."""

    model: type[models.Model]
    noun: str  # "lesson": "New lesson: …", "1 new lesson"
    plural: str  # "lessons": "3 new lessons", and the heading of its section of a digest
    # One item in an email, given `item` (following.digests.NewItem: `item.object` is the
    # lesson or event) and `digest` (True in a digest, False in an email about it alone).
    template: str
    order: int
    published: str = "first_published_at"  # the field that says when it was published


@dataclass(frozen=True)
class News:
    """What is new in followed things of one kind: items of one model."""

    kind: str  # the name of the kind it is news in
    model: type[models.Model]  # what the items are (a registered item kind's model)
    # (reader, things of the kind they follow and may follow, Window) -> (item, thing) pairs:
    # each item the reader may read now, once for each of the things that brings it.
    items: Callable
    # (item) -> the primary keys (a list or a values("pk") queryset) of the things of the kind
    # that the item is news in: who is emailed at once about a new item is asked only of
    # their followers.
    sources: Callable


@dataclass(frozen=True)
class Window:
    """Which items an email is about: published after `since` and up to `until`, or only the
    item `only` (an email about one newly published item)."""

    since: object = None
    until: object = None
    only: models.Model | None = None

    def filter(self, queryset):
        """The items of `queryset` (a registered item kind's) in this window."""
        if self.only is not None:
            if not isinstance(self.only, queryset.model):
                return queryset.none()
            queryset = queryset.filter(pk=self.only.pk)
        published = item_kind(queryset.model).published
        if self.since is not None:
            queryset = queryset.filter(**{f"{published}__gt": self.since})
        if self.until is not None:
            queryset = queryset.filter(**{f"{published}__lte": self.until})
        return queryset


# Sent when a followable thing or an item is deleted, with the model as sender and the row as
# `instance`: `following` forgets its follows and sent items (it cannot hold foreign keys to
# models it may not import, so the database cannot cascade for it).
deleted = Signal()

_kinds: dict[str, Kind] = {}
_item_kinds: dict[type, ItemKind] = {}
_news: list[News] = []


def register(*things: Kind | ItemKind | News):
    """Register kinds, item kinds and news (from an app's AppConfig.ready())."""
    for thing in things:
        if isinstance(thing, Kind):
            if thing.name in _kinds or kind_of(thing.model) is not None:
                raise ImproperlyConfigured(f"{thing.name} ({thing.model}) is registered already")
            _kinds[thing.name] = thing
            _forward_deletions(thing.model)
        elif isinstance(thing, ItemKind):
            if thing.model in _item_kinds:
                raise ImproperlyConfigured(f"{thing.model} is registered already")
            _item_kinds[thing.model] = thing
            _forward_deletions(thing.model)
        elif isinstance(thing, News):
            _news.append(thing)
        else:
            raise TypeError(f"Not a Kind, ItemKind or News: {thing!r}")


@contextmanager
def registered(*things: Kind | ItemKind | News):
    """Register these for the length of a `with` block, then forget them (for tests)."""
    saved = dict(_kinds), dict(_item_kinds), list(_news)
    register(*things)
    try:
        yield
    finally:
        _kinds.clear(), _kinds.update(saved[0])
        _item_kinds.clear(), _item_kinds.update(saved[1])
        _news[:] = saved[2]


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=attrgetter("order"))


def kind(name) -> Kind | None:
    return _kinds.get(name)


def kind_of(model) -> Kind | None:
    """The kind whose things are rows of this model, if any."""
    return next((kind for kind in _kinds.values() if kind.model is model), None)


def item_kind(model) -> ItemKind | None:
    """The item kind of this model (or of the model it inherits from), if any."""
    return next((_item_kinds[cls] for cls in model.__mro__ if cls in _item_kinds), None)


def news_in(kind_name) -> Iterable[News]:
    return [news for news in _news if news.kind == kind_name]


def news_of(item) -> Iterable[News]:
    """The news whose items this item could be."""
    return [news for news in _news if isinstance(item, news.model)]


def _forward_deletions(model):
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"core.follows:{model._meta.label}")


def _deleted(sender, instance, **kwargs):
    deleted.send(sender=sender, instance=instance)

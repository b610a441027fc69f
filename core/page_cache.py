"""What cached pages show, and purging them when it changes: one registry every app uses.

A response declares what it shows with `tag(request, *tags)` while it is rendered (or the
`{% page_cache_tags %}` template tag, next to what it shows). An app says which tags change when
one of its objects is saved or deleted with `register(model, tags=lambda instance: [...])`,
from its own `cache_dependencies.py`, connected in `AppConfig.ready()`. `purge(*tags)` makes
every cached response that declared any of those tags stale.

Tags are invalidated by version: each tag has a token in the shared cache; a cached response
keeps the tokens its tags had when it was stored, and a hit whose tokens differ (or whose tag
has no token any more: evicted, or the cache was emptied) is a miss. Purging a tag gives it a
new token, so it costs one write however many pages showed it.

Pages: every cached response of a Wagtail page declares `PAGES` (navigation, breadcrumbs,
listings, sections and search results all show pages), and publishing, unpublishing, moving
or deleting any page purges it, with whatever tags the page's model registered. Non-page
objects (applications, the month's pick, thesaurus entries, editors' picks, ...) purge only
the tags of the pages that show them.
"""

import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

PAGES = "pages"
SEARCH = "search"  # what a search finds: the thesaurus, editors' picks, and the pages above
TAG_KEY = "page-cache:tag:{}"

_registry = {}  # model -> [callable(instance) -> iterable of tags]


def register(model, tags):
    """Purge `tags(instance)` whenever an instance of `model` (or of a subclass) is saved or
    deleted. For a page model: whenever one is published, unpublished, moved or deleted."""
    _registry.setdefault(model, []).append(tags)


def registered():
    """The models registered, for tests that hold one purge test to each."""
    return list(_registry)


def tag(request, *tags):
    """Declare that this response shows what `tags` name."""
    if request is not None:
        request.__dict__.setdefault("page_cache_tags", set()).update(tags)


def also_on_hit(request, function, *args):
    """What a copy of this response must still do each time it is served: `function` (a dotted
    path) is called with `args` (a search is counted however its page was served)."""
    if request is not None:
        request.__dict__.setdefault("page_cache_on_hit", []).append((function, args))


def on_hit(request):
    return list(getattr(request, "page_cache_on_hit", ()))


@contextmanager
def collecting(request):
    """The tags declared inside the block (a fragment's own), which are declared for the
    response as well."""
    inner = set()
    if request is None:
        yield inner
        return
    outer = request.__dict__.pop("page_cache_tags", set())
    request.page_cache_tags = inner
    try:
        yield inner
    finally:
        request.page_cache_tags = outer | inner


def declared(request):
    return frozenset(getattr(request, "page_cache_tags", ()))


def store():
    """The cache kept pages and fragments live in: their own when configured, so filling it
    never culls a rate limit's count (config/settings/base.py)."""
    return caches["pages" if "pages" in settings.CACHES else "default"]


def purge(*tags):
    """Make stale every cached response that declared any of `tags`. Nothing is kept while
    caching is off (PAGE_CACHE_SECONDS 0, as in tests), so nothing is purged then either."""
    if tags and settings.PAGE_CACHE_SECONDS > 0:
        store().set_many({TAG_KEY.format(name): uuid.uuid4().hex for name in tags}, timeout=None)


def versions(tags):
    """The current token of each tag, giving one to a tag that has none."""
    keys = {TAG_KEY.format(name): name for name in tags}
    found = store().get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        store().set_many(missing, timeout=None)
        found |= missing
    return {keys[key]: token for key, token in found.items()}


def still_current(stored):
    """Whether every tag still has the token a cached response was stored with."""
    if not stored:
        return True
    found = store().get_many([TAG_KEY.format(name) for name in stored])
    return all(found.get(TAG_KEY.format(name)) == token for name, token in stored.items())


def tags_for(instance):
    tags = set()
    for model in type(instance).__mro__:
        for tags_of in _registry.get(model, ()):
            tags.update(tags_of(instance))
    return tags


def _purge_now_and_after_commit(tags):
    # Now, so the writer's own next read sees it (and tests, whose transaction never commits);
    # after commit too, so a page rebuilt by another request between the two, from the data
    # before the commit, is not kept.
    if tags and settings.PAGE_CACHE_SECONDS > 0:  # nothing is kept while caching is off
        purge(*tags)
        _purge_after_commit(tags)


class PurgeAfterCommit:
    """The tags a transaction will purge once it commits: one callback for all of them."""

    def __init__(self, tags):
        self.tags = set(tags)

    def __call__(self):
        purge(*self.tags)


def _purge_after_commit(tags):
    """One purge after the commit however many changes ask for one (an import publishes
    thousands of lessons: a callback each was kept until the commit). The tags join a purge
    already waiting at this savepoint or an outer one, which is dropped only if this change
    is too; one waiting in an inner savepoint since left would not be, so it gets its own."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        current = set(connection.savepoint_ids)
        for savepoints, callback, _ in reversed(connection.run_on_commit):
            if isinstance(callback, PurgeAfterCommit) and savepoints <= current:
                callback.tags.update(tags)
                return
    transaction.on_commit(PurgeAfterCommit(tags), robust=True)


def _object_changed(sender, instance, **kwargs):
    from wagtail.models import Page  # noqa: PLC0415

    if isinstance(instance, Page):
        # A page's drafts change nothing on the site: it purges when it is published,
        # unpublished, moved or deleted.
        if kwargs.get("signal") is post_delete:
            _purge_now_and_after_commit({PAGES} | tags_for(instance))
        return
    _purge_now_and_after_commit(tags_for(instance))


def _page_changed(sender, instance, **kwargs):
    _purge_now_and_after_commit({PAGES} | tags_for(instance.specific_deferred))


def connect():
    """Called once from CoreConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move  # noqa: PLC0415

    post_save.connect(_object_changed, dispatch_uid="page_cache_saved")
    post_delete.connect(_object_changed, dispatch_uid="page_cache_deleted")
    page_published.connect(_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page_cache_moved")

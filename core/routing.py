"""What routing reads on every request, kept in each process's memory: the Site a request is
for (with its home page, as its own type, and the tree's root above it), the sites' root paths,
the pages under a home page (the sections, each as its own type: HomePage.route), and whatever
else every page derives from the page tree alone (the header's section links:
home.context_processors). A page routed through them knows all its ancestors, so Wagtail's
privacy check reads only the page's restrictions, never its ancestors (core/metadata.py).

A request reads one thing from the shared cache, the routing version; what this process keeps
is used only while that version is current. Publishing, unpublishing, moving or deleting any
page, saving a live page (not a draft) and saving or deleting a site give it a new version
(now, and again after the transaction commits, so a value another process read before the
commit is not kept), so a change made by any process shows on the next request everywhere.
Unlike core/page_cache's tokens it is kept however PAGE_CACHE_SECONDS is set: it is what every
uncached page reads.

Nothing here depends on who is asking: a value kept here must be the same for every reader.
"""

import copy
import threading
import uuid

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from core import page_cache

VERSION_KEY = "routing:version"
MAX_HOSTS = 50  # host names remembered per version (a request may name any host)

_MISSING = object()
_kept = (None, {})  # (version, {key: value}); replaced whole, so threads see one or the other
_lock = threading.Lock()


def version():
    """The current routing version, giving it one if it has none (evicted, or never set)."""
    store = page_cache.store()
    current = store.get(VERSION_KEY)
    if current is None:
        store.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        current = store.get(VERSION_KEY)
    return current


def kept(request):
    """This process's values for the current version, read once per request."""
    global _kept
    values = getattr(request, "_routing_kept", None)
    if values is None:
        current = version()
        with _lock:
            if current is None:  # the shared cache is out: nothing kept can be trusted
                values = {}
            else:
                if _kept[0] != current:
                    _kept = (current, {})
                values = _kept[1]
        request._routing_kept = values
    return values


def remembered(request, key, compute):
    """compute(), once per process and routing version."""
    values = kept(request)
    value = values.get(key, _MISSING)
    if value is _MISSING:
        value = values[key] = compute()
    return value


def forget():
    """Give routing a new version: every process reads the tree afresh on its next request."""
    page_cache.store().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _forget_here():
    global _kept
    with _lock:
        _kept = (None, {})


def _changed(sender, **kwargs):
    """A new version when a transaction first changes the tree and again when it commits,
    however many pages it changes (an import publishes thousands, one cache write each was
    most of its statements); this process forgets what it kept at every change."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        forget()
        return
    _forget_here()
    # A savepoint rolled back drops the callbacks registered in it: a later change asks again.
    if not any(func is forget for _, func, _ in connection.run_on_commit):
        forget()
        transaction.on_commit(forget, robust=True)


def site_for(request):
    """Wagtail's Site.find_for_request, kept: a copy of the site and of its home page (already
    its own type) for this request alone, so nothing one request sets on them reaches another."""
    from wagtail.models import Site  # noqa: PLC0415

    hostname = split_domain_port(request._get_raw_host())[0].lower()
    key = ("site", hostname, request.get_port())
    values = kept(request)
    site = values.get(key, _MISSING)
    if site is _MISSING:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
            site.root_page.get_parent()  # the tree's root, kept as its _cached_parent_obj
        if sum(1 for name in values if name[0] == "site") < MAX_HOSTS:
            values[key] = site
    if site is None:
        return None
    site = copy.copy(site)
    site.root_page = _copied(site.root_page, parent=_kept_parent(site.root_page))
    return site


def child_page(request, parent, slug):
    """parent.get_children().get(slug=slug).specific, as Wagtail's Page.route reads it, kept
    per process and version (for a home page's children: the sections, a handful): a copy for
    this request alone, whose parent is `parent`. None when there is no such child (routing
    then asks the tree, and answers 404), which is not kept: any slug may be asked for."""
    from wagtail.models import Page  # noqa: PLC0415

    key = ("child", parent.pk, slug)
    values = kept(request)
    page = values.get(key, _MISSING)
    if page is _MISSING:
        try:
            page = parent.get_children().get(slug=slug).specific
        except Page.DoesNotExist:
            return None
        page.__dict__.pop("_cached_parent_obj", None)
        values[key] = page
    return _copied(page, parent=parent)


def _kept_parent(page):
    parent = page.__dict__.get("_cached_parent_obj")
    return copy.copy(parent) if parent is not None else None


def _copied(page, parent):
    """A copy of a kept page for one request (nothing it sets reaches the next), with its
    parent, as Page.route leaves it for treebeard's get_parent()."""
    page = copy.copy(page)
    if parent is not None:
        page._cached_parent_obj = parent
    return page


def prepare(request):
    """Gives Wagtail the request's site and the sites' root paths from what this process keeps,
    unless it already has them: asked for by Wagtail's page view (below) and by the header."""
    from wagtail.models import Site  # noqa: PLC0415

    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site_for(request)
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = remembered(
            request, "root_paths", Site.get_site_root_paths
        )


class SiteRoutingMiddleware:
    """Prepares routing for Wagtail's page view, so serving a page reads neither the site nor
    the root paths from the database. Other views (the health checks, the API) ask nothing."""

    def __init__(self, get_response):
        from wagtail import views  # noqa: PLC0415

        self.get_response = get_response
        self.page_view = views.serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.page_view:
            prepare(request)


def connect():
    """Called once from CoreConfig.ready()."""
    from wagtail.models import Site  # noqa: PLC0415
    from wagtail.signals import page_published, page_unpublished, post_page_move  # noqa: PLC0415

    post_save.connect(_changed, sender=Site, dispatch_uid="routing_site_saved")
    post_delete.connect(_changed, sender=Site, dispatch_uid="routing_site_deleted")
    page_published.connect(_changed, dispatch_uid="routing_page_published")
    page_unpublished.connect(_changed, dispatch_uid="routing_page_unpublished")
    post_page_move.connect(_changed, dispatch_uid="routing_page_moved")
    # A live page saved without publishing (by code: add_child, a bulk change) changes what
    # routing reads too; a draft saved does not.
    post_save.connect(_page_saved, dispatch_uid="routing_page_saved")
    post_delete.connect(_page_deleted, dispatch_uid="routing_page_deleted")


# What saving a revision writes on the page row: a draft's bookkeeping, not what is live.
DRAFT_FIELDS = {
    "comments",
    "latest_revision",
    "has_unpublished_changes",
    "draft_title",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}


def _page_saved(sender, instance, update_fields=None, **kwargs):
    from wagtail.models import Page  # noqa: PLC0415

    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    _changed(sender)


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page  # noqa: PLC0415

    if isinstance(instance, Page):
        _changed(sender)

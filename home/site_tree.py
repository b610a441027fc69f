"""The fixed top of the page tree: the home page, and under it one index page per section
(/lessons/, /networks/, /themes/ and any an app adds), at the site's address.

`migrate` builds it (home/apps.py runs `bootstrap` after every migrate), so a database that
has only been migrated is a working site; the importer, the demo loader and tests call
`ensure_site_tree` too. Each section is a concrete subclass of core.pages.SectionIndexPage,
found through the app registry and made from the defaults its class names: an app adds a
section by subclassing it, and nothing here changes.
"""

from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from wagtail.models import Page, Site, WorkflowPage

from api.harvest import refreshed_together
from core.pages import section_index_models
from following.tasks import announced_together
from home.models import HomePage
from lessons.exchange.importer import import_document
from lessons.models import LessonIndexPage
from lessons.moderation.workflow import assign_review_workflow
from network.models import NetworkIndexPage


def bootstrap():
    """Build whatever of the tree is missing and keep the Site at SITE_URL. Returns the pages
    it created (none when the site is whole), for `migrate` to say so."""
    newest = Page.objects.aggregate(newest=Max("pk"))["newest"] or 0
    home, _, _ = ensure_site_tree()
    return list(home.get_descendants(inclusive=True).filter(pk__gt=newest).order_by("path"))


@transaction.atomic
def ensure_site_tree():
    """Create whichever of the home page and the section index pages are missing; give the
    lessons index the review workflow if it has no workflow of its own; keep the default Site
    at SITE_URL with the home page as its root.

    Returns (home, lesson_index, network_index). Running it again changes nothing.
    """
    home = HomePage.objects.first() or _create_home_page()
    sections = {model: _section(home, model) for model in section_index_models()}
    lesson_index = sections[LessonIndexPage]
    if not WorkflowPage.objects.filter(page=lesson_index).exists():
        # Its own: Wagtail's first migration gives the root page "Moderators approval".
        assign_review_workflow(lesson_index)
    move_default_site_to_site_url(home)
    return home, lesson_index, sections[NetworkIndexPage]


def import_lessons(document, progress=None, allow_visibility_change=False):
    """Import a lessons/v1 document into this site, creating the page tree it needs."""
    return import_document(
        document,
        indexes=_indexes,
        progress=progress,
        allow_visibility_change=allow_visibility_change,
        alongside=_in_bulk,
    )


@contextmanager
def _in_bulk():
    """What each lesson published asks for, done for many at once: its harvest record (read
    and written in bulk) and its followers' announcement (one task per batch of lessons)."""
    with refreshed_together(), announced_together():
        yield


def _indexes():
    _, lesson_index, network_index = ensure_site_tree()
    return lesson_index, network_index


def _section(home, model):
    """The section's index page (there is at most one: max_count), created when missing."""
    index = model.objects.first()
    if index is None:
        index = home.add_child(
            instance=model(
                title=model.default_title,
                slug=model.default_slug,
                intro=model.default_intro,
            )
        )
    return index


def _create_home_page():
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a placeholder "Welcome" page at the site root.
    for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    return root.add_child(
        instance=HomePage(
            title="Knowledge Mobilisation Network",
            slug="home",
            intro=(
                "Find lessons learned, case studies and people from contexts like yours, and see "
                "how each story connects to the maturity outcomes."
            ),
        )
    )


def site_address():
    """The hostname and port of settings.SITE_URL, as Wagtail's Site keeps them."""
    url = urlsplit(settings.SITE_URL)
    return url.hostname, url.port or (443 if url.scheme == "https" else 80)


def move_default_site_to_site_url(home=None):
    """Keep the default Site at SITE_URL's hostname and port (a site made before it was set,
    or before SITE_URL changed), rooted at the home page; create it if there is none."""
    home = home or HomePage.objects.first()
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        if home is None:
            return None
        return Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    wanted = (hostname, port, home.pk if home else site.root_page_id)
    if (site.hostname, site.port, site.root_page_id) != wanted:
        site.hostname, site.port, site.root_page_id = wanted
        site.save()  # through save(), so Wagtail forgets the site root paths it cached
    return site

"""The fixed top of the page tree: a home page with /lessons/, /networks/ and /themes/."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, Site

from home.models import HomePage
from lessons.exchange.importer import import_document
from lessons.models import LessonIndexPage
from lessons.moderation.workflow import assign_review_workflow
from network.models import NetworkIndexPage
from themes.models import ThemeIndexPage


@transaction.atomic
def ensure_site_tree():
    """Create whichever of the home page and the index pages are missing.

    Returns (home, lesson_index, network_index). Safe to call on every import.
    """
    home = HomePage.objects.first()
    if home is None:
        home = _create_home_page()

    lesson_index = LessonIndexPage.objects.child_of(home).first()
    if lesson_index is None:
        lesson_index = home.add_child(
            instance=LessonIndexPage(
                title="Lessons learned",
                slug="lessons",
                intro=(
                    "Lessons, case studies and reviews from teams across the NHS, each with the "
                    "context you need to judge whether it applies to you."
                ),
            )
        )
        assign_review_workflow(lesson_index)
    network_index = NetworkIndexPage.objects.child_of(home).first()
    if network_index is None:
        network_index = home.add_child(
            instance=NetworkIndexPage(
                title="Networks",
                slug="networks",
                intro="Communities of people who mobilise knowledge, and what they share.",
            )
        )
    if not ThemeIndexPage.objects.child_of(home).exists():
        home.add_child(
            instance=ThemeIndexPage(
                title="Themes",
                slug="themes",
                intro=(
                    "Subjects our facilitators curate: the lessons, events and resources they "
                    "would start with, then everything else on the subject."
                ),
            )
        )
    return home, lesson_index, network_index


def import_lessons(document, progress=None, allow_visibility_change=False):
    """Import a lessons/v1 document into this site, creating the page tree it needs."""
    return import_document(
        document,
        indexes=_indexes,
        progress=progress,
        allow_visibility_change=allow_visibility_change,
    )


def _indexes():
    _, lesson_index, network_index = ensure_site_tree()
    return lesson_index, network_index


def _create_home_page():
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a placeholder "Welcome" page at the site root.
    for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    home = root.add_child(
        instance=HomePage(
            title="Knowledge Mobilisation Network",
            slug="home",
            intro=(
                "Find lessons learned, case studies and people from contexts like yours, and see "
                "how each story connects to the maturity outcomes."
            ),
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = site_address()
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


def site_address():
    """The hostname and port of settings.SITE_URL, as Wagtail's Site keeps them."""
    url = urlsplit(settings.SITE_URL)
    return url.hostname, url.port or (443 if url.scheme == "https" else 80)


def move_default_site_to_site_url():
    """Give the default Site SITE_URL's hostname and port (a site made before it was set)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != site_address():
        site.hostname, site.port = site_address()
        site.save()  # through save(), so Wagtail forgets the site root paths it cached
    return site

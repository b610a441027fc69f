"""What the header, footer and other shared templates link to, taken from the page tree."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site

from campaigns.models import ImpactIndexPage
from core import routing
from home.models import HomePage
from lessons.models import LessonIndexPage
from network.models import NetworkIndexPage
from themes.models import ThemeIndexPage

SECTIONS = {
    "home": HomePage,
    "lessons": LessonIndexPage,
    "networks": NetworkIndexPage,
    "themes": ThemeIndexPage,
    "impact": ImpactIndexPage,
}


def site_sections(request):
    """{{ site_sections.home }}, {{ site_sections.lessons }}, {{ site_sections.networks }},
    {{ site_sections.themes }}, {{ site_sections.impact }}: the URLs of the home page and the
    index pages, read once per process and site until the page tree changes (core/routing.py:
    the links depend on the live tree alone, never on who is reading). An index page not yet
    created or not live is None; the home page falls back to the site root."""
    return {"site_sections": SimpleLazyObject(lambda: _kept_section_urls(request))}


def _kept_section_urls(request):
    routing.prepare(request)
    site = Site.find_for_request(request)
    key = ("site_sections", site.pk if site else None)
    return dict(routing.remembered(request, key, lambda: section_urls(request)))


def section_urls(request=None):
    urls = dict.fromkeys(SECTIONS)
    for page in Page.objects.live().type(*SECTIONS.values()).order_by("path"):
        name = next(name for name, model in SECTIONS.items() if page.specific_class is model)
        if urls[name] is None:
            urls[name] = _url(page, request)
    urls["home"] = urls["home"] or reverse("wagtail_serve", args=[""])
    return urls


def _url(page, request):
    # Page.get_url without its Site.find_for_request(): the site root paths it needs are
    # cached on the request, so most pages pay nothing more for them.
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    _, root_url, path = parts
    sites = {root.site_id for root in page._get_site_root_paths(request)}
    return path if len(sites) == 1 else root_url + path

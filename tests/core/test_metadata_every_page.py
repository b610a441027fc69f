"""Every page type anyone may read describes itself to other systems (core/metadata.py): a
canonical link at SITE_URL, Open Graph and Twitter card tags; the same types in a members-only
network describe nothing. A new page model without an instance here fails the first test."""

import re

from django.conf import settings

from wagtail.models import Page, get_page_models

import pytest

from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.campaigns import add_campaign, add_news
from tests.builders.lessons import lesson
from tests.builders.network import add_child, add_event, research_summary_page, resource_page
from tests.builders.themes import add_theme

CANONICAL = re.compile(r'<link rel="canonical" href="(?P<url>[^"]+)">')


@pytest.fixture(scope="module")
def pages(module_lessons):
    module_lessons(lesson(), lesson(slug="board-only", network="board-leads", visibility="members"))
    public = NetworkPage.objects.get(slug="south-west-km")
    add_event(public, "webinar", "Webinar", days=7)
    add_child(public, resource_page("toolkit"))
    add_child(public, research_summary_page("summary"))
    add_theme("huddles", "Huddles", tags=["huddles"], picks=[(LessonPage.objects.first(), "")])
    add_news(add_campaign(), "launch", "The campaign launches")
    hidden = NetworkPage.objects.get(slug="board-leads")
    add_event(hidden, "roundtable", "Roundtable", days=7)
    add_child(hidden, resource_page("papers"))
    add_child(hidden, research_summary_page("board-summary"))
    return public, hidden


def test_every_page_type_anyone_may_read_gives_its_canonical_link_and_open_graph(pages, client):
    public, _ = pages
    ours = [model for model in get_page_models() if not model.__module__.startswith("wagtail")]
    found = [
        Page.objects.type(model).live().exact_type(model).not_descendant_of(pages[1]).first()
        for model in ours
    ]
    assert all(found), [m.__name__ for m, p in zip(ours, found, strict=True) if p is None]
    for page in found:
        html = client.get(page.url).content.decode()
        canonical = CANONICAL.search(html)
        assert canonical, f"{type(page.specific).__name__} at {page.url} has no canonical link"
        assert canonical["url"] == settings.SITE_URL + page.url
        assert '<meta property="og:title"' in html, page.url
        assert '<meta name="twitter:card"' in html, page.url


@pytest.mark.parametrize(
    "slug", ["board-leads", "board-only", "roundtable", "papers", "board-summary"]
)
def test_nothing_in_a_members_only_network_describes_itself(pages, client, slug):
    page = Page.objects.get(slug=slug)
    response = client.get(page.url)
    html = response.content.decode()
    assert "canonical" not in html and "og:title" not in html and "application/ld+json" not in html

"""Every page type anyone may read describes itself to other systems (core/metadata.py): a
canonical link at SITE_URL, Open Graph and Twitter card tags; the same types in a members-only
network describe nothing. A new page model without an instance fails the first test
(tests/builders/every_page.py)."""

import re

from django.conf import settings

from wagtail.models import Page

import pytest

from network.models import NetworkPage
from tests.builders.every_page import one_of_each_page_type
from tests.builders.lessons import lesson
from tests.builders.network import add_child, add_event, research_summary_page, resource_page

CANONICAL = re.compile(r'<link rel="canonical" href="(?P<url>[^"]+)">')
HIDDEN = ["board-leads", "board-only", "roundtable", "papers", "board-summary"]


@pytest.fixture(scope="module")
def hidden(module_lessons):
    module_lessons(lesson(), lesson(slug="board-only", network="board-leads", visibility="members"))
    board = NetworkPage.objects.get(slug="board-leads")
    add_event(board, "roundtable", "Roundtable", days=7)
    add_child(board, resource_page("papers"))
    add_child(board, research_summary_page("board-summary"))
    return board


def test_every_page_type_anyone_may_read_gives_its_canonical_link_and_open_graph(hidden, client):
    for page in one_of_each_page_type(exclude_below=hidden):
        html = client.get(page.url).content.decode()
        canonical = CANONICAL.search(html)
        assert canonical, f"{type(page.specific).__name__} at {page.url} has no canonical link"
        assert canonical["url"] == settings.SITE_URL + page.url
        assert '<meta property="og:title"' in html, page.url
        assert '<meta name="twitter:card"' in html, page.url


@pytest.mark.parametrize("slug", HIDDEN)
def test_nothing_in_a_members_only_network_describes_itself(hidden, client, slug):
    html = client.get(Page.objects.get(slug=slug).url).content.decode()
    assert "canonical" not in html and "og:title" not in html and "application/ld+json" not in html

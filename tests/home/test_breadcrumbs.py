"""The breadcrumbs of a page: its ancestors below the tree's root, home first and called
"Home", each linked; none on the home page. A page Wagtail routed to reads them from the
parents routing read; a page rendered any other way (a preview) reads them in one query."""

import re

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from lessons.models import LessonPage
from tests.builders.lessons import lesson

CRUMB = re.compile(r'<a class="nhsuk-breadcrumb__link" href="([^"]+)">([^<]+)</a>')


@pytest.fixture(scope="module")
def site(module_lessons):
    module_lessons(lesson())


def crumbs(html):
    return CRUMB.findall(html)


def test_a_lesson_page_has_home_and_the_lessons_index(client, site):
    assert crumbs(client.get("/lessons/discharge-huddles/").content.decode()) == [
        ("/", "Home"),
        ("/lessons/", "Lessons learned"),
    ]


def test_a_section_index_has_home_only(client, site):
    assert crumbs(client.get("/lessons/").content.decode()) == [("/", "Home")]


def test_the_home_page_has_none(client, site):
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_a_page_not_routed_to_reads_its_ancestors_in_one_query(site):
    template = Template('{% include "includes/breadcrumbs.html" %}')

    def render():
        page = LessonPage.objects.get(slug="discharge-huddles")
        return template.render(Context({"page": page, "request": RequestFactory().get("/")}))

    render()  # Wagtail's site-root cache warm, as for every request but the first
    with CaptureQueriesContext(connection) as captured:
        html = render()
    assert crumbs(html) == [("/", "Home"), ("/lessons/", "Lessons learned")]
    pages = [q for q in captured if q["sql"].startswith('SELECT "wagtailcore_page"')]
    assert len(pages) == 2  # the page, then its ancestors (the rest: {% pageurl %}'s site)


def test_a_routed_pages_breadcrumbs_ask_nothing_more(client, site):
    """Only serving the page reads pages along its path: the breadcrumbs read none again."""
    client.get("/lessons/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/lessons/")
    ancestors = [
        q
        for q in captured
        if q["sql"].startswith('SELECT "wagtailcore_page"') and '"path" IN' in q["sql"]
    ]
    # Nor does Wagtail's privacy check: routing gave the page its ancestors (core/routing.py).
    assert ancestors == []

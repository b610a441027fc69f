"""The fixed top of the page tree, built on a freshly migrated site and never twice."""

import re

from wagtail.models import Page, Site

import pytest

from home.models import HomePage
from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonIndexPage
from network.models import NetworkIndexPage
from tests.builders.lessons import document, lesson


@pytest.fixture
def fresh_site(db):
    """What the migrations leave: Wagtail's root, its placeholder 'Welcome' page and a Site."""
    assert not HomePage.objects.exists()
    return Site.objects.get(is_default_site=True)


def test_it_builds_home_lessons_and_networks_in_place_of_wagtails_placeholder(fresh_site):
    home, lessons, networks = ensure_site_tree()
    root = Page.get_first_root_node()
    assert [page.specific_class for page in root.get_children()] == [HomePage]
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert (lessons.url, networks.url) == ("/lessons/", "/networks/")
    assert home.url == "/"


def test_running_it_again_builds_nothing(fresh_site):
    first = ensure_site_tree()
    assert ensure_site_tree() == first
    assert [HomePage.objects.count(), LessonIndexPage.objects.count()] == [1, 1]
    assert NetworkIndexPage.objects.count() == 1


def test_importing_lessons_into_a_fresh_site_builds_the_tree_it_needs(fresh_site, client):
    import_lessons(document(lesson()))
    assert client.get("/lessons/discharge-huddles/").status_code == 200
    assert client.get("/networks/south-west-km/").status_code == 200


def test_a_fresh_site_says_it_has_no_lessons_or_networks_yet(fresh_site, client):
    ensure_site_tree()
    for url, message in [
        ("/", "No lessons have been published yet."),
        ("/lessons/", "No lessons have been published yet."),
        ("/networks/", "There are no networks yet."),
    ]:
        html = client.get(url).content.decode()
        assert re.search(
            rf'<div class="app-empty-state[^"]*">\s*(<span[^>]*>[^<]*</span>)?\s*<p>{message}', html
        ), url

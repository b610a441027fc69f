"""The first tier of visitors' kept pages, in each process's memory (core/anonymous_pages.py):
a hit reads only its tags' tokens from the shared cache, and a copy from memory is served
only while those are current, so a purge made by any process takes effect at once."""

from django.test import Client, RequestFactory

import pytest

from core import page_cache
from core.anonymous_pages import _key, local_pages
from lessons.models import LessonPage
from tests.builders.lessons import lesson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 600
    local_pages.clear()
    yield
    local_pages.clear()


@pytest.fixture
def lesson_page(import_lessons):
    import_lessons(lesson())
    return LessonPage.objects.get(slug="discharge-huddles")


def shared_copy_removed(url):
    """Takes the page out of the shared cache, leaving its tags' tokens as they are."""
    page_cache.store().delete(_key(RequestFactory().get(url)))


def served(url):
    return Client().get(url)


def test_a_page_kept_in_memory_is_served_without_reading_it_from_the_shared_cache(
    lesson_page,
):
    first = served(lesson_page.url)
    shared_copy_removed(lesson_page.url)
    second = served(lesson_page.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_a_purge_made_by_another_process_is_seen_at_once(lesson_page):
    served(lesson_page.url)
    assert served(lesson_page.url)["X-Page-Cache"] == "hit"
    # Another process's purge is a new token in the shared cache, nothing in this memory.
    page_cache.store().set(page_cache.TAG_KEY.format(page_cache.PAGES), "elsewhere", None)
    assert served(lesson_page.url)["X-Page-Cache"] == "miss"


def test_no_visitor_is_served_a_page_from_memory_after_it_is_unpublished(lesson_page):
    url = lesson_page.url
    served(url)
    assert served(url)["X-Page-Cache"] == "hit"
    lesson_page.unpublish()
    assert served(url).status_code == 404


def test_with_the_shared_cache_emptied_nothing_is_served_from_memory(lesson_page):
    served(lesson_page.url)
    page_cache.store().clear()
    assert served(lesson_page.url)["X-Page-Cache"] == "miss"


def test_a_copy_is_kept_in_memory_no_longer_than_page_cache_seconds(lesson_page, settings):
    settings.PAGE_CACHE_SECONDS = 1
    served(lesson_page.url)
    shared_copy_removed(lesson_page.url)
    entry = local_pages.get(_key(RequestFactory().get(lesson_page.url)))
    entry["expires"] -= 1  # as it is a second later
    assert served(lesson_page.url)["X-Page-Cache"] == "miss"


def test_each_process_keeps_at_most_page_cache_local_pages_in_memory(import_lessons, settings):
    import_lessons(lesson())
    settings.PAGE_CACHE_LOCAL_PAGES = 2
    addresses = ["/search/?q=huddles", "/search/?q=flow", "/search/?q=discharge"]
    for url in addresses:
        assert served(url)["X-Page-Cache"] == "miss"
    for url in addresses:
        shared_copy_removed(url)
    # The oldest went from memory when the third came.
    assert [served(url)["X-Page-Cache"] for url in reversed(addresses)] == ["hit", "hit", "miss"]


def test_none_are_kept_in_memory_when_page_cache_local_pages_is_0(lesson_page, settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 0
    served(lesson_page.url)
    assert served(lesson_page.url)["X-Page-Cache"] == "hit"  # from the shared cache
    shared_copy_removed(lesson_page.url)
    assert served(lesson_page.url)["X-Page-Cache"] == "miss"

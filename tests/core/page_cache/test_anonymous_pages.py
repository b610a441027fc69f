"""Whole pages for visitors (core/anonymous_pages.py): kept and served again for requests
without a session, never for signed-in readers, never when a response sets a cookie, and with
headers that let only the copies we keep be kept by others."""

from django.test import Client

import pytest

from lessons.models import LessonPage
from search import insights
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CDN_SECONDS = 60


@pytest.fixture
def lesson_url(import_lessons):
    import_lessons(lesson())
    return LessonPage.objects.get(slug="discharge-huddles").url


def test_a_visitor_is_served_the_kept_copy_the_second_time(client, lesson_url):
    first = client.get(lesson_url)
    second = Client().get(lesson_url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second.status_code == 200


def test_the_kept_copy_tells_shared_caches_they_may_keep_it_and_varies_on_the_cookie(
    client, lesson_url
):
    for response in (client.get(lesson_url), client.get(lesson_url)):
        assert "public" in response["Cache-Control"]
        assert "s-maxage=60" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_a_signed_in_reader_never_gets_or_leaves_a_kept_copy(client, lesson_url):
    client.get(lesson_url)
    member = Client()
    member.force_login(make_user("reader@example.nhs.uk"))
    response = member.get(lesson_url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert b"reader@example.nhs.uk" not in Client().get(lesson_url).content


def test_a_head_request_is_answered_from_the_copy_and_a_post_never(client, lesson_url):
    client.get(lesson_url)
    assert client.head(lesson_url)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.post(lesson_url)


def test_a_page_that_sets_a_cookie_is_not_kept(client):
    for _ in range(2):
        response = client.get("/accounts/login/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_a_visitor_with_a_message_waiting_is_not_served_a_copy(client, lesson_url):
    client.get(lesson_url)
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(lesson_url)


def test_each_address_and_query_has_its_own_copy(client, import_lessons):
    import_lessons(lesson())
    assert client.get("/search/?q=huddles")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=flow")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=huddles")["X-Page-Cache"] == "hit"


def test_turned_off_nothing_is_kept(client, lesson_url, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(lesson_url)
    assert "X-Page-Cache" not in client.get(lesson_url)


def test_a_search_served_from_the_kept_copy_is_still_counted(
    client, import_lessons, django_capture_on_commit_callbacks
):
    import_lessons(lesson())
    with django_capture_on_commit_callbacks(execute=True):
        served = [client.get("/search/?q=telepathy")["X-Page-Cache"] for _ in range(3)]
    assert served == ["miss", "hit", "hit"]
    assert insights.summary()["without_results"] == [{"query": "telepathy", "n": 3}]

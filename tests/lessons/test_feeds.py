"""Feeds of lessons (contract 4): RSS 2.0, Atom 1.0 and JSON Feed 1.1, public content only."""

import datetime
import html
import json

from django.utils import timezone

import feedparser
import pytest

from core.feeds import FEED_LENGTH
from lessons.models import LessonPage
from tests.builders.lessons import lesson

SECRET = "Board paper evidence checks"
DRAFT = "Unfinished discharge notes"
FORMATS = ["", "atom/", "json/"]
EXTRA = FEED_LENGTH + 1  # one more public lesson than a feed holds


@pytest.fixture(scope="module")
def lessons(module_lessons):
    module_lessons(
        lesson(
            slug="oldest-public",
            title="Huddles & handovers <first>",
            kind="case_study",
            themes=["huddles", "patient flow"],
        ),
        lesson(
            slug="board-secret",
            title=SECRET,
            visibility="members",
            network="board-leads",
            themes=["board secrets"],
        ),
        lesson(slug="draft-lesson", title=DRAFT, status="draft"),
        *(
            lesson(slug=f"filler-{n:02}", title=f"Filler lesson {n:02}", themes=[], maturity=[])
            for n in range(EXTRA)
        ),
        lesson(slug="public-in-members-network", title="Open board lesson", network="board-leads"),
        lesson(slug="newest-public", title="The newest lesson", network="south-west-km"),
    )
    # Publication times a day apart, in the order above: the last is the newest.
    start = timezone.now() - datetime.timedelta(days=100)
    for days, page in enumerate(LessonPage.objects.order_by("pk")):
        LessonPage.objects.filter(pk=page.pk).update(
            first_published_at=start + datetime.timedelta(days=days)
        )


def shown(detail):
    """The text a feed reader shows for a title or summary, HTML or plain text."""
    return html.unescape(detail.value) if detail.type == "text/html" else detail.value


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_lessons_feed_parses_and_holds_only_public_published_lessons(lessons, client, suffix):
    response, feed = parse(client, "/feeds/lessons/" + suffix)
    body = response.content.decode()
    for hidden in (SECRET, "board-secret", "board secrets", DRAFT, "draft-lesson"):
        assert hidden not in body
    if suffix != "json/":
        assert not feed.bozo, feed.bozo_exception
        titles = [entry.title for entry in feed.entries]
    else:
        titles = [item["title"] for item in json.loads(body)["items"]]
    assert len(titles) == FEED_LENGTH
    assert titles[0] == "The newest lesson"
    assert "Open board lesson" in titles  # public, though its network is members-only


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_each_entry_has_title_link_summary_date_and_categories(lessons, client, suffix):
    _, feed = parse(client, "/feeds/lessons/" + suffix)
    assert feed.version == ("rss20" if suffix == "" else "atom10")
    newest = feed.entries[0]
    assert newest.link == "http://127.0.0.1:8000/lessons/newest-public/"
    assert newest.summary == lesson()["summary"]
    assert newest.published_parsed is not None
    assert [tag.term for tag in newest.tags] == ["lesson", "huddles", "patient flow", "qiof-2"]


def test_titles_and_summaries_keep_their_characters_in_every_format(lessons, client):
    # Push the oldest lesson into the feed's first 50: only the newest 50 are listed.
    LessonPage.objects.filter(slug="oldest-public").update(first_published_at=timezone.now())
    for suffix in ["", "atom/"]:
        _, feed = parse(client, "/feeds/lessons/" + suffix)
        first = feed.entries[0]
        assert shown(first.title_detail) == "Huddles & handovers <first>", suffix
        assert [tag.term for tag in first.tags][0] == "case_study"
    item = json.loads(client.get("/feeds/lessons/json/").content)["items"][0]
    assert item["title"] == "Huddles & handovers <first>"
    assert item["tags"] == ["case_study", "huddles", "patient flow", "qiof-2"]
    assert item["_knowledge_network"] == {
        "kind": "case_study",
        "themes": ["huddles", "patient flow"],
        "maturity": [{"dimension": "qiof-2", "level": 2}],
    }


def test_the_json_feed_has_every_key_json_feed_1_1_requires(lessons, client):
    response = client.get("/feeds/lessons/json/")
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "Lessons learned"
    assert document["home_page_url"] == "http://127.0.0.1:8000/lessons/"
    assert document["feed_url"] == "http://127.0.0.1:8000/feeds/lessons/json/"
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item["content_text"], str)
        assert item["url"].startswith("http://127.0.0.1:8000/lessons/")
        datetime.datetime.fromisoformat(item["date_published"])


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_public_networks_feed_holds_its_public_lessons(lessons, client, suffix):
    response, feed = parse(client, "/feeds/networks/south-west-km/" + suffix)
    body = response.content.decode()
    if suffix == "json/":
        titles = [item["title"] for item in json.loads(body)["items"]]
    else:
        assert not feed.bozo, feed.bozo_exception
        titles = [entry.title for entry in feed.entries]
    assert titles[0] == "The newest lesson"
    assert "Open board lesson" not in body  # another network's
    assert SECRET not in body
    assert "Lessons from South West KM Network" in body


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("slug", ["board-leads", "no-such-network"])
def test_members_only_and_unknown_networks_have_no_feed(lessons, client, member_of, slug, suffix):
    assert client.get(f"/feeds/networks/{slug}/{suffix}").status_code == 404
    client.force_login(member_of("board-leads"))  # feeds never depend on who asks
    assert client.get(f"/feeds/networks/{slug}/{suffix}").status_code == 404


def test_pages_announce_their_feeds(lessons, client):
    index = client.get("/lessons/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in index
    assert 'href="/feeds/lessons/atom/"' in index
    assert 'type="application/feed+json" title="Lessons learned (JSON Feed)"' in index
    network = client.get("/networks/south-west-km/").content.decode()
    assert 'href="/feeds/networks/south-west-km/"' in network
    assert 'href="/feeds/networks/south-west-km/json/"' in network
    members_only = client.get("/networks/board-leads/").content.decode()
    assert "/feeds/networks/" not in members_only


def test_feed_links_are_named_for_screen_readers_without_saying_feed_twice(lessons, client):
    index = client.get("/lessons/").content.decode()
    assert "JSON Feed feed" not in index
    assert 'JSON Feed<span class="nhsuk-u-visually-hidden"> of new lessons</span>' in index
    assert 'RSS<span class="nhsuk-u-visually-hidden"> feed of new lessons</span>' in index

"""A theme's feed (contract 4): what its page shows an anonymous reader, in three formats."""

import html
import json

import feedparser
import pytest

from tests.builders.themes import (
    DRAFT,
    PICKED_AND_TAGGED,
    PUBLIC_EVENT,
    PUBLIC_PICK,
    RESOURCE,
    SECRET_EVENT,
    SECRET_PICK,
    SECRET_TAGGED,
    TAGGED,
    add_theme,
)

PUBLIC = {PUBLIC_PICK, PICKED_AND_TAGGED, PUBLIC_EVENT, TAGGED, RESOURCE}


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_the_theme_feed_parses_and_holds_only_public_things(huddles_theme, client, suffix):
    response = client.get("/feeds/themes/huddles/" + suffix)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert {entry.title for entry in feed.entries} == PUBLIC
    body = response.content.decode()
    for hidden in (SECRET_PICK, SECRET_TAGGED, SECRET_EVENT, DRAFT, "secret-", "board-huddles"):
        assert hidden not in body
    event = next(entry for entry in feed.entries if entry.title == PUBLIC_EVENT)
    assert [tag.term for tag in event.tags] == ["event", "huddles"]


def test_the_json_feed_is_json_feed_1_1_and_as_private(huddles_theme, client, member_of):
    client.force_login(member_of("board-leads"))  # feeds never depend on who asks
    document = json.loads(client.get("/feeds/themes/huddles/json/").content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "Huddles"
    assert {item["title"] for item in document["items"]} == PUBLIC
    for item in document["items"]:
        assert item["id"] and isinstance(item["content_text"], str)
    newest = [item["date_published"] for item in document["items"]]
    assert newest == sorted(newest, reverse=True)


@pytest.mark.parametrize("suffix", ["", "atom/", "json/"])
def test_unpublished_and_unknown_themes_have_no_feed(huddles_theme, client, suffix):
    add_theme("unfinished", "Unfinished theme", tags=["huddles"], live=False)
    assert client.get("/feeds/themes/unfinished/" + suffix).status_code == 404
    assert client.get("/feeds/themes/no-such-theme/" + suffix).status_code == 404


EVERY_FEED = [
    base + suffix
    for base in ("/feeds/lessons/", "/feeds/themes/huddles/", "/feeds/networks/south-west-km/")
    for suffix in ("", "atom/")
]


@pytest.mark.parametrize("path", EVERY_FEED)
def test_every_rss_and_atom_feed_names_the_site_as_its_author(huddles_theme, client, path):
    """RFC 4287 requires an atom:author; RSS readers show the channel's and items' creator."""
    feed = feedparser.parse(client.get(path).content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.author == "Knowledge Mobilisation Network"
    assert feed.entries
    for entry in feed.entries:
        assert entry.author == "Knowledge Mobilisation Network"


@pytest.mark.parametrize("base", ["lessons/", "themes/huddles/", "networks/south-west-km/"])
def test_every_json_feed_names_the_site_as_its_author(huddles_theme, client, base):
    document = json.loads(client.get(f"/feeds/{base}json/").content)
    assert document["authors"] == [
        {"name": "Knowledge Mobilisation Network", "url": "http://127.0.0.1:8000/"}
    ]


@pytest.mark.parametrize("suffix", ["", "atom/", "json/"])
def test_markup_in_a_theme_introduction_reaches_no_feed_as_markup(huddles_theme, client, suffix):
    """Readers take an RSS description as HTML: the facilitator's text is shown as text."""
    introduction = 'Huddles <script>alert("x")</script> & <b>bold</b>'
    theme = add_theme("scripted", "Scripted theme", tags=["huddles"])
    theme.introduction = introduction
    theme.save_revision().publish()
    raw = client.get("/feeds/themes/scripted/" + suffix).content.decode()
    assert "<script" not in raw.lower() and "<b>" not in raw
    if suffix == "json/":
        assert json.loads(raw)["description"] == introduction  # plain text, as JSON Feed says
        return
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    shown = feed.feed.get("subtitle", "")
    assert "<script" not in shown.lower() and "<b>" not in shown
    if suffix == "":
        assert html.unescape(shown) == introduction  # shown as the text that was typed

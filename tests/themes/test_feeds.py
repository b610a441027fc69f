"""A theme's feed (contract 4): what its page shows an anonymous reader, in three formats."""

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

"""Harvesting 250 lessons: pages of 100 joined by resumption tokens, to the end."""

import pytest

from tests.builders.lessons import plain
from tests.builders.oai import NS, headers, oai

COUNT = 250


@pytest.fixture(scope="module")
def many(module_lessons):
    module_lessons(*[plain(slug=f"generated-{n:03}", title=f"Generated {n}") for n in range(COUNT)])


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_every_page_is_reached_through_its_token(many, client, verb):
    tree = oai(client, verb=verb, metadataPrefix="oai_dc")
    seen, pages, cursors = [], 0, []
    while True:
        pages += 1
        seen += [identifier for identifier, _ in headers(tree)]
        token = tree.find(".//oai:resumptionToken", NS)
        if token is None or not token.text:
            break
        assert token.get("completeListSize") == str(COUNT)
        cursors.append(token.get("cursor"))
        tree = oai(client, verb=verb, resumptionToken=token.text)
    assert pages == 3 and cursors == ["0", "100"]
    assert token.get("cursor") == "200" and token.text is None  # the last page's empty token
    assert len(seen) == len(set(seen)) == COUNT


def test_a_token_keeps_the_set_and_dates_of_the_harvest(many, client):
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:lesson")
    token = first.find(".//oai:resumptionToken", NS).text
    second = oai(client, verb="ListIdentifiers", resumptionToken=token)
    assert len(headers(second)) == 100
    assert (
        oai(client, verb="ListIdentifiers", resumptionToken=token + "x")
        .find("oai:error", NS)
        .get("code")
        == "badResumptionToken"
    )

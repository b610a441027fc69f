"""Every OAI-PMH error this repository can meet, each a valid answer naming its code; after
badVerb and badArgument the request element carries no attributes, as the protocol says."""

import pytest

from lessons.models import LessonPage
from tests.builders.oai import NS, error_codes, oai

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "set": "kind"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({**LIST, "set": ["kind", "network"]}, "badArgument"),
        ({**LIST, "from": "yesterday"}, "badArgument"),
        ({**LIST, "from": "2026-02-30"}, "badArgument"),
        ({**LIST, "from": "2026-01-01T10:00:00"}, "badArgument"),  # no Z
        ({**LIST, "from": "2026-01-01", "until": "2026-02-01T00:00:00Z"}, "badArgument"),
        ({**LIST, "from": "2026-02-01", "until": "2026-01-01"}, "badArgument"),
        ({**LIST, "resumptionToken": "x"}, "badArgument"),  # an exclusive argument
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:elsewhere:lesson/1",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "lesson/1"}, "idDoesNotExist"),
        ({**LIST, "set": "kind:retrospect"}, "noRecordsMatch"),
        ({**LIST, "from": "2999-01-01"}, "noRecordsMatch"),
        ({**LIST, "until": "2000-01-01T00:00:00Z"}, "noRecordsMatch"),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "network:board-leads"},
            "noRecordsMatch",
        ),
    ],
)
def test_each_error_is_a_valid_answer_with_its_code(library, client, params, code):
    tree = oai(client, **params)
    assert error_codes(tree) == [code]
    request = tree.find("oai:request", NS)
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}
    assert request.text.endswith("/oai/")


def test_a_format_it_cannot_give_for_a_known_item(library, client):
    pk = LessonPage.objects.get(slug="discharge-huddles").pk
    tree = oai(
        client, verb="GetRecord", identifier=f"oai:127.0.0.1:lesson/{pk}", metadataPrefix="mods"
    )
    assert error_codes(tree) == ["cannotDisseminateFormat"]
    assert tree.find("oai:request", NS).get("metadataPrefix") == "mods"  # echoed


def test_a_tampered_token_is_refused(library, client):
    tree = oai(client, verb="ListRecords", resumptionToken="eyJ4Ijox:1abc:signature")
    assert error_codes(tree) == ["badResumptionToken"]


def test_other_methods_are_not_allowed(db, client):
    assert client.put("/oai/").status_code == 405

"""A real OAI-PMH harvester (Sickle) against the live test server: a full harvest, then an
unpublish and a switch to members-only, then an incremental harvest that reports both as
deleted, as a library's discovery service would see it."""

import time

import pytest
from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)
SLUGS = ["huddles-a", "huddles-b", "huddles-c"]


@pytest.fixture
def harvester(live_server, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    put_back_shipped_data()
    ensure_site_tree()
    import_lessons(document(*[lesson(slug=slug, title=slug.title()) for slug in SLUGS]))
    return Sickle(f"{live_server.url}/oai/", max_retries=0, timeout=30)


def test_a_harvest_then_an_incremental_harvest_that_finds_two_withdrawn(harvester):
    identify = harvester.Identify()
    assert identify.deletedRecord == "persistent" and identify.protocolVersion == "2.0"
    assert [f.metadataPrefix for f in harvester.ListMetadataFormats()] == ["oai_dc"]

    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    assert sorted(r.metadata["title"][0] for r in records) == [
        "Huddles-A",
        "Huddles-B",
        "Huddles-C",
    ]
    assert all(r.metadata["creator"] == ["South West KM Network"] for r in records)
    assert not any(r.header.deleted for r in records)
    ids = {r.metadata["identifier"][0].rsplit("/", 2)[-2]: r.header.identifier for r in records}

    # The next harvest asks from the second after this one.
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(time.time()) + 1))
    time.sleep(1.1)
    with pytest.raises(NoRecordsMatch):
        list(harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": since}))
    LessonPage.objects.get(slug="huddles-a").unpublish()
    members_only = LessonPage.objects.get(slug="huddles-b")
    members_only.visibility = "members"
    members_only.network = NetworkPage.objects.get(slug="board-leads")
    members_only.save_revision().publish()

    changed = list(
        harvester.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False, **{"from": since})
    )
    assert sorted((h.identifier, h.deleted) for h in changed) == sorted(
        [(ids["huddles-a"], True), (ids["huddles-b"], True)]
    )
    live = list(harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))
    assert [r.header.identifier for r in live] == [ids["huddles-c"]]

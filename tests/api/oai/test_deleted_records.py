"""Deleted records (deletedRecord=persistent): a lesson deleted, unpublished, made
members-only, or whose network becomes members-only stays in the repository as a deleted
header, datestamped when it left, so an incremental harvest from before then finds it."""

import datetime

from django.utils import timezone

import pytest

from api.models import HarvestRecord
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.oai import NS, error_codes, headers, oai, texts


@pytest.fixture
def lessons(import_lessons):
    import_lessons(
        lesson(slug="huddles-a", title="Huddles A"),
        lesson(slug="huddles-b", title="Huddles B", kind="case_study"),
        lesson(slug="huddles-c", title="Huddles C"),
        lesson(slug="huddles-d", title="Huddles D"),
    )
    HarvestRecord.objects.update(changed_at=timezone.now() - datetime.timedelta(days=2))
    return {page.slug: page for page in LessonPage.objects.all()}


def ident(page):
    return f"oai:127.0.0.1:lesson/{page.pk}"


def _members_only(page):
    page.visibility = "members"
    page.network = NetworkPage.objects.get(slug="board-leads")
    page.save_revision().publish()


def _network_members_only(page):
    network = NetworkPage.objects.get(slug="south-west-km")
    network.visibility = "members"
    network.save_revision().publish()


@pytest.mark.parametrize(
    "withdraw",
    [
        lambda page: page.delete(),
        lambda page: page.unpublish(),
        _members_only,
        _network_members_only,
    ],
    ids=["deleted", "unpublished", "made members-only", "network made members-only"],
)
def test_a_withdrawn_lesson_is_a_deleted_record_from_then_on(lessons, client, withdraw):
    page = lessons["huddles-a"]
    yesterday = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%d")
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    assert error_codes(oai(client, **params, **{"from": yesterday})) == ["noRecordsMatch"]
    withdraw(page)
    since = headers(oai(client, **params, **{"from": yesterday}))
    assert (ident(page), True) in since
    tree = oai(client, verb="GetRecord", identifier=ident(page), metadataPrefix="oai_dc")
    assert tree.find(".//oai:header", NS).get("status") == "deleted"
    assert tree.find(".//oai:metadata", NS) is None
    assert texts(tree, ".//oai:setSpec")[0] == "kind:lesson"  # the sets it was harvested in
    # Found by the set it was in, and nothing of it is given again.
    in_set = headers(oai(client, **params, set="kind:lesson"))
    assert (ident(page), True) in in_set


def test_a_lesson_made_public_again_is_a_live_record_again(lessons, client):
    page = lessons["huddles-c"]
    page.unpublish()
    page.save_revision().publish()
    tree = oai(client, verb="GetRecord", identifier=ident(page), metadataPrefix="oai_dc")
    assert tree.find(".//oai:header", NS).get("status") is None
    assert texts(tree, ".//dc:title") == ["Huddles C"]


def test_sets_and_date_ranges_select_records(lessons, client):
    moments = {
        "huddles-a": "2026-01-10T09:00:00Z",
        "huddles-b": "2026-01-20T12:30:15Z",
        "huddles-c": "2026-02-01T00:00:00Z",
    }
    for slug, moment in moments.items():
        changed = datetime.datetime.fromisoformat(moment.replace("Z", "+00:00"))
        HarvestRecord.objects.filter(lesson_id=lessons[slug].pk).update(changed_at=changed)
    HarvestRecord.objects.filter(lesson_id=lessons["huddles-d"].pk).update(
        changed_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    )

    def listed(**params):
        tree = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        found = {identifier for identifier, _ in headers(tree)}
        return {slug for slug, page in lessons.items() if ident(page) in found}

    assert listed(**{"from": "2026-01-20"}) == {"huddles-b", "huddles-c", "huddles-d"}
    assert listed(until="2026-01-20") == {"huddles-a", "huddles-b"}  # a whole day
    assert listed(until="2026-01-20T12:30:14Z") == {"huddles-a"}
    assert listed(until="2026-01-20T12:30:15Z") == {"huddles-a", "huddles-b"}  # inclusive
    assert listed(**{"from": "2026-01-11", "until": "2026-02-01"}) == {"huddles-b", "huddles-c"}
    assert listed(set="kind:case_study") == {"huddles-b"}
    assert listed(set="kind") == set(lessons)
    assert listed(set="network:south-west-km", until="2026-01-31") == {"huddles-a", "huddles-b"}
    assert listed(set="outcome:qiof-2", **{"from": "2026-02-01"}) == {"huddles-c", "huddles-d"}

"""Compare and track, in counted levels: units of one organisation side by side (each unit's
latest closed assessment), a unit over time; drafts, other organisations and what the reader
may not read are left out; a wrong choice is an error that names its field."""

import datetime

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from assessments import compare
from maturity.models import Framework
from tests.builders.assessments import (
    add_unit,
    assessment,
    expect_evidence,
    lead,
    make_organisation,
    participant,
)


def _closed_on(subject, year):
    subject.closed_at = timezone.make_aware(datetime.datetime(year, 6, 1))
    subject.save(update_fields=["closed_at"])
    return subject


@pytest.fixture(scope="module")
def world(module_db, tmp_path_factory):
    expect_evidence("qiof-2", 3)
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        riverside = make_organisation()
        medicine, surgery = add_unit(riverside), add_unit(riverside, "Surgery division")
        org_lead = lead(riverside, "lead@riverside.nhs.uk")
        codes = ("qiof-1", "qiof-2")
        run = {"codes": codes, "closed": True}
        _closed_on(assessment(medicine, org_lead, levels=(1, 1), **run), 2025)
        # Level 3 agreed without its evidence: it counts as 2.
        _closed_on(assessment(medicine, org_lead, levels=(2, (3, False)), **run), 2026)
        _closed_on(assessment(surgery, org_lead, codes=("qiof-2",), levels=(1,), closed=True), 2026)
        assessment(surgery, org_lead, codes=codes, levels=(4, 4))  # a draft: never counted
        hillside = make_organisation("Hillside Community Trust", "RHL")
        assessment(hillside.whole, lead(hillside, "lead@hillside.nhs.uk"), levels=(4,), closed=True)
        people = {
            "lead": org_lead,
            "medicine": participant(medicine, "ward@riverside.nhs.uk"),
        }
    return {"org": riverside, "medicine": medicine, "surgery": surgery, "people": people}


def _qiof():
    return Framework.objects.get(slug="qiof")


def _figures(table):
    return {row.outcome.code: row.levels for row in table.rows}, [
        column.unit.name for column in table.columns
    ]


def test_units_side_by_side_in_counted_levels_from_their_latest_closed_assessments(world):
    table = compare.side_by_side(world["people"]["lead"], world["org"], _qiof())
    levels, units = _figures(table)
    assert units == ["Medicine directorate", "Surgery division"]
    assert levels == {"qiof-1": [2, None], "qiof-2": [2, 1]}


def test_a_unit_over_time_in_counted_levels_oldest_first(world):
    table = compare.over_time(world["people"]["lead"], world["medicine"], _qiof())
    assert [column.closed_at.year for column in table.columns] == [2025, 2026]
    assert {row.outcome.code: (row.levels, row.change) for row in table.rows} == {
        "qiof-1": ([1, 2], 1),
        "qiof-2": ([1, 2], 1),
    }


def test_a_participant_compares_only_what_they_may_read(world):
    table = compare.side_by_side(world["people"]["medicine"], world["org"], _qiof())
    assert _figures(table)[1] == ["Medicine directorate"]
    assert not compare.over_time(world["people"]["medicine"], world["surgery"], _qiof())


def test_the_pages_show_the_same_figures(client, world):
    client.force_login(world["people"]["lead"])
    org = world["org"].pk
    page = client.get(reverse("assessments:compare", args=[org])).text
    assert "Medicine directorate" in page and "Surgery division" in page
    assert "Hillside" not in page
    track = reverse("assessments:track", args=[org])
    page = client.get(track, {"unit": world["medicine"].pk, "framework": _qiof().pk}).text
    assert "Medicine directorate over time" in page
    assert page.count("up 1") == 2


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("compare", {"framework": "²"}, "Select a framework from the list"),
        ("compare", {"units": "99999999999999999999"}, "Select units from the list"),
        ("track", {"unit": "-1"}, "Select a unit from the list"),
    ],
)
def test_a_wrong_choice_names_its_field(client, world, name, query, message):
    client.force_login(world["people"]["lead"])
    response = client.get(reverse(f"assessments:{name}", args=[world["org"].pk]), query)
    assert response.status_code == 400
    assert message in response.text


def test_another_organisations_lead_cannot_open_them(client, world):
    client.force_login(world["people"]["lead"].__class__.objects.get(email="lead@hillside.nhs.uk"))
    for name in ("compare", "track"):
        url = reverse(f"assessments:{name}", args=[world["org"].pk])
        assert client.get(url).status_code == 404

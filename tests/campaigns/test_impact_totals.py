"""/impact/: totals and breakdowns of case studies' impact against figures added up by hand
(tests/builders/impact.py), in the page's tables, its charts and its CSV alike. A members-only
case study counts only for its network's members; impact on other kinds never counts."""

import csv
import io
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

import pytest

from campaigns import impact
from tests.builders.impact import IMPACT_LIBRARY, page_tables
from tests.builders.network import make_member

ANONYMOUS_TOTALS = {
    "count": "3",
    "hours_saved": "30.5",
    "money_saved_gbp": "£1,250.25",
    "decisions_informed": "8",
}
ANONYMOUS_YEARS = {
    "2024": {
        "count": "1",
        "hours_saved": "10.5",
        "money_saved_gbp": "£1,000",
        "decisions_informed": "3",
    },
    "2025": {
        "count": "1",
        "hours_saved": "20",
        "money_saved_gbp": "£250.25",
        "decisions_informed": "5",
    },
    "Not recorded": {
        "count": "1",
        "hours_saved": "0",
        "money_saved_gbp": "£0",
        "decisions_informed": "0",
    },
}


@pytest.fixture
def library(import_lessons):
    import_lessons(*IMPACT_LIBRARY)


def figures_without_count(rows):
    return {label: {k: v for k, v in row.items() if k != "count"} for label, row in rows.items()}


def test_totals_and_breakdowns_for_anyone(library, client):
    response = client.get("/impact/")
    assert response.status_code == 200
    tables, charts, totals = page_tables(response.content.decode())
    assert totals == ANONYMOUS_TOTALS
    assert tables["year"] == ANONYMOUS_YEARS
    assert tables["region"]["South West"] == {
        "count": "1",
        "hours_saved": "10.5",
        "money_saved_gbp": "£1,000",
        "decisions_informed": "3",
    }
    assert tables["network"]["South West KM Network"]["count"] == "1"
    assert tables["organisation_type"]["Community trust"]["hours_saved"] == "20"
    # The chart shows the table's figures.
    for name, rows in tables.items():
        assert charts[name] == figures_without_count(rows), name


def test_a_case_study_linked_to_two_outcomes_counts_under_each(library, client):
    html = client.get("/impact/").content.decode()
    tables, charts, _ = page_tables(html)
    outcomes = {label.split(":")[0]: row for label, row in tables["dimension"].items()}
    assert outcomes == {
        "QIOF Outcome 2": {
            "count": "2",
            "hours_saved": "30.5",
            "money_saved_gbp": "£1,250.25",
            "decisions_informed": "8",
        },
        "KMSA Leadership": {
            "count": "1",
            "hours_saved": "10.5",
            "money_saved_gbp": "£1,000",
            "decisions_informed": "3",
        },
        "Not recorded": {
            "count": "1",
            "hours_saved": "0",
            "money_saved_gbp": "£0",
            "decisions_informed": "0",
        },
    }
    assert "counts under each, so these rows do not add up to the totals" in html


def test_members_of_its_network_count_the_members_only_case_study(library, client):
    client.force_login(make_member("south-west-km", "reader@example.nhs.uk"))
    tables, _, totals = page_tables(client.get("/impact/").content.decode())
    assert totals == {
        "count": "4",
        "hours_saved": "130.5",
        "money_saved_gbp": "£6,250.25",
        "decisions_informed": "15",
    }
    assert tables["year"]["2025"] == {
        "count": "2",
        "hours_saved": "120",
        "money_saved_gbp": "£5,250.25",
        "decisions_informed": "12",
    }


def test_a_member_of_another_network_sees_what_anyone_sees(library, client):
    client.force_login(make_member("board-leads", "other@example.nhs.uk"))
    _, _, totals = page_tables(client.get("/impact/").content.decode())
    assert totals == ANONYMOUS_TOTALS


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="impact-of-case-studies.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_gives_the_same_figures(library, client):
    rows = read_csv(client.get("/impact/download/"))
    assert rows[0] == [
        "Breakdown",
        "Value",
        "Case studies",
        "Hours saved",
        "Money saved (£)",
        "Decisions informed",
    ]
    assert rows[1] == ["Total", "All case studies", "3", "30.5", "1250.25", "8"]
    assert ["Year", "2024", "1", "10.5", "1000", "3"] in rows
    assert ["Year", "2025", "1", "20", "250.25", "5"] in rows
    assert not any(row[1] == "A lesson with impact" for row in rows)


def test_the_csv_counts_the_members_only_case_study_for_its_members(library, client):
    client.force_login(make_member("south-west-km", "reader@example.nhs.uk"))
    rows = read_csv(client.get("/impact/download/?region=south_west"))
    assert rows[1] == ["Total", "All case studies", "2", "110.5", "6000", "10"]


def test_filters_narrow_the_page_and_the_csv_alike(library, client):
    _, _, totals = page_tables(client.get("/impact/?year=2025").content.decode())
    assert totals == {
        "count": "1",
        "hours_saved": "20",
        "money_saved_gbp": "£250.25",
        "decisions_informed": "5",
    }
    rows = read_csv(client.get("/impact/download/?dimension=qiof-2"))
    assert rows[1] == ["Total", "All case studies", "2", "30.5", "1250.25", "8"]


def test_bad_filters_are_named_never_a_500(library, client):
    response = client.get("/impact/?year=soon&region=atlantis")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Year must be a year, like 2025" in html
    assert "Region: choose from the list" in html
    assert client.get("/impact/download/?network=nowhere").status_code == 400


def test_impact_on_other_kinds_shows_on_their_page_only(library, client):
    assert "£99,999" in client.get("/lessons/not-a-case-study/").content.decode()
    assert "99999" not in client.get("/impact/").content.decode()
    total, _ = impact.impact_report(AnonymousUser())
    assert total.figures["hours_saved"] == Decimal("30.5")

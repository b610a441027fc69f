"""The benchmark page, its CSV and a round's headline report show the same figures under the
same rules: a group of fewer than 5 is withheld, medians need 5 and quartiles 10, counts of
1 to 7 are withheld and larger ones rounded to 5, and a group that differs from another shown
by fewer than 5 organisations is withheld. And an organisation's own position is seen only by
its leads and site editors.

The world: 12 acute trusts in the South West (two peer groups of 6 by workforce), 6 community
trusts in London, 3 acute trusts in the North West (who join the larger South West group).
"""

import csv
import io
import re

from django.contrib.auth.models import AnonymousUser

import pytest
from bs4 import BeautifulSoup

from core.vocabulary import Region
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.assessments import regional_lead
from tests.builders.rounds import organisations, statistics_round, submit

SEARCHES = "Evidence searches"
POSITION = "Your figures, your peers' and all organisations'"


@pytest.fixture(scope="module")
def world(module_db):
    round_ = statistics_round()
    south_west = organisations(12)
    london = organisations(6, region="london", organisation_type="community_trust", start=12)
    north_west = organisations(3, region="north_west", start=18)
    for n, organisation in enumerate(south_west + london + north_west):
        submit(round_, organisation, staff=5, searches=100 + n)
    round_.close()
    yield {
        "round": round_,
        "south_west": south_west,
        "london": london,
        "north_west": north_west,
        "editor": make_site_editor(),
    }


def _page_rows(client, url, caption):
    """{group: [organisations, mean, median, quartiles]} of the table with this caption."""
    soup = BeautifulSoup(client.get(url).content, "lxml")
    table = soup.find("caption", string=re.compile(f"^{re.escape(caption)}$")).parent
    rows = {}
    for heading in table.select(".nhsuk-table-responsive__heading"):
        heading.decompose()
    for tr in table.select("tbody tr"):
        cells = [" ".join(c.stripped_strings) for c in tr.find_all(["th", "td"])]
        rows[cells[0]] = cells[1:]
    return rows


def _csv_rows(client, url):
    text = client.get(url).content.decode()
    return {
        row["Group"]: [
            row["Organisations"],
            row["Mean"],
            row["Median"],
            "withheld"
            if row["Lower quartile"] == "withheld"
            else f"{row['Lower quartile']} to {row['Upper quartile']}",
        ]
        for row in csv.DictReader(io.StringIO(text))
        if row["Measure"] == SEARCHES
    }


EXPECTED_BY_REGION = {
    # 21 organisations, rounded to 20; searches 100 to 120.
    "South West": ["10", "105.5", "105.5", "102.75 to 108.25"],  # 12: quartiles shown
    "London": ["withheld", "114.5", "114.5", "withheld"],  # 6: count withheld, no quartiles
    "North West": ["withheld", "withheld", "withheld", "withheld"],  # 3: nothing
    "London and the South East": None,
}
EXPECTED_BY_TYPE = {
    # 15 acute trusts: 3 of them outside the South West, which is shown: withheld.
    "Acute trust": ["withheld", "withheld", "withheld", "withheld"],
    "Community trust": ["withheld", "114.5", "114.5", "withheld"],  # the same 6 as London
}


def _expected(by):
    expected = EXPECTED_BY_REGION if by == "region" else EXPECTED_BY_TYPE
    return {group: row for group, row in expected.items() if row}


@pytest.mark.parametrize("by", ["region", "organisation_type"])
def test_the_page_and_the_csv_give_the_same_figures_under_the_same_rules(world, client, by):
    client.force_login(make_user(f"reader-{by}@example.nhs.uk"))
    query = f"?round={world['round'].pk}&by={by}"
    page = _page_rows(client, f"/assessments/benchmark/{query}", SEARCHES)
    exported = _csv_rows(client, f"/assessments/benchmark/csv/{query}")
    for group, row in _expected(by).items():
        assert page[group] == row, group
        assert exported[group] == row, group
    assert page["All organisations"][0] == "20"
    assert exported["All organisations"][0] == "20"


@pytest.mark.parametrize("by", ["region", "organisation_type"])
def test_the_headline_report_gives_the_same_figures(world, client, by):
    client.force_login(make_user(f"report-{by}@example.nhs.uk"))
    caption = f"{SEARCHES} by {'region' if by == 'region' else 'organisation type'}"
    report = _page_rows(client, f"/assessments/rounds/{world['round'].pk}/report/", caption)
    for group, row in _expected(by).items():
        assert report[group] == row, group


def test_the_report_chart_draws_only_what_the_table_shows(world, client):
    client.force_login(make_user("chart@example.nhs.uk"))
    soup = BeautifulSoup(
        client.get(f"/assessments/rounds/{world['round'].pk}/report/").content, "lxml"
    )
    labels = {text.string for text in soup.select("svg.app-level-chart text")}
    assert {"South West", "London", "Community trust"} <= labels
    assert not labels & {"North West", "Acute trust"}


def test_groups_come_in_the_vocabularys_order_never_by_their_figures(world, client):
    client.force_login(make_user("order@example.nhs.uk"))
    page = _page_rows(client, f"/assessments/benchmark/?round={world['round'].pk}", SEARCHES)
    assert list(page) == ["All organisations"] + [label for _, label in Region.choices]


def _position(world, organisation):
    return f"/assessments/rounds/{world['round'].pk}/organisations/{organisation.pk}/position/"


def test_a_lead_sees_their_organisation_against_its_peers(world, client):
    first = world["south_west"][0]
    client.force_login(first.leads.first().user)
    rows = _page_rows(client, _position(world, first), POSITION)
    # Its own, its peers' (the 6 smallest South West trusts: 100 to 105), everyone's (100 to 120).
    assert rows[SEARCHES] == ["100", "102.5", "110 (105 to 115)"]


def test_a_peer_group_that_cuts_across_a_region_by_fewer_than_five_is_withheld(world, client):
    # The larger South West group has the 3 North West trusts in it.
    last = world["south_west"][-1]
    client.force_login(last.leads.first().user)
    rows = _page_rows(client, _position(world, last), POSITION)
    assert rows[SEARCHES][1] == "withheld"


@pytest.mark.parametrize(
    "who,status",
    [
        ("own_lead", 200),
        ("site_editor", 200),
        ("other_lead", 404),
        ("region_lead", 404),
        ("member", 404),
        ("anonymous", 302),
    ],
)
def test_an_organisations_own_position_is_seen_only_by_its_leads_and_site_editors(
    world, client, who, status
):
    first = world["south_west"][0]
    people = {
        "own_lead": first.leads.first().user,
        "site_editor": world["editor"],
        "other_lead": world["london"][0].leads.first().user,
        "region_lead": regional_lead("south_west", f"{who}-rl@example.nhs.uk")
        if who == "region_lead"
        else None,
        "member": make_user(f"{who}-m@example.nhs.uk") if who == "member" else None,
        "anonymous": AnonymousUser(),
    }
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(_position(world, first))
    assert response.status_code == status
    if status == 200:
        assert first.name in response.content.decode()

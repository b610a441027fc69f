"""An assessment lead makes their organisation's statistics return (a bad value is named and
focused first); after the round closes they read its headline report and their position
against their peers. axe checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.builders.browser import sign_in
from tests.builders.rounds import organisations, statistics_round, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def round_with_returns():
    made = statistics_round("Annual statistics 2026")
    # Six other acute trusts in the South West have returned, and six community trusts in London.
    for n, organisation in enumerate(organisations(6, start=1)):
        submit(made, organisation, staff=4 + n, searches=200 + 10 * n)
    for organisation in organisations(
        6, region="london", organisation_type="community_trust", start=7
    ):
        submit(made, organisation)
    (ours,) = organisations(1)  # Trust 0, workforce 1000, led by lead-0@example.nhs.uk
    return made, ours


def test_a_lead_returns_statistics_then_reads_the_report_and_their_position(
    round_with_returns, page, assert_accessible
):
    made, ours = round_with_returns
    sign_in(page, "lead-0@example.nhs.uk", "/assessments/")
    page.get_by_role("link", name="Submission rounds").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submission rounds")
    assert_accessible(page)
    page.get_by_role("link", name="Annual statistics 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual statistics 2026")
    assert_accessible(page)
    page.get_by_role("link", name="Make Trust 0's return").click()

    page.get_by_label("Library and knowledge staff").fill("lots")
    page.get_by_label("Evidence searches").fill("250")
    page.get_by_role("button", name="Submit the return").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Library and knowledge staff: enter a number")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Library and knowledge staff").fill("3.5")
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_text("Trust 0's return is in.")).to_be_visible()

    made.close()  # as close_rounds does the day after the closing date
    page.reload()
    page.get_by_role("link", name="The headline report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual statistics 2026")
    expect(page.get_by_text("Returns from 15 organisations")).to_be_visible()
    expect(page.get_by_role("button", name="Print this report")).to_be_visible()
    charts = page.get_by_role("img", name=re.compile("Evidence searches: the median"))
    expect(charts).to_have_count(2)  # by region, by organisation type
    south_west = page.get_by_role("table", name="Evidence searches by region").get_by_role(
        "row", name=re.compile("^South West")
    )
    expect(south_west).to_contain_text("withheld")  # 7 organisations: no count, no quartiles
    assert_accessible(page)

    page.get_by_role("link", name="Back to Annual statistics 2026").click()
    page.get_by_role("link", name="The benchmark").click()
    page.get_by_label("Compare by").select_option("organisation_type")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("table", name="Evidence searches")).to_contain_text("Community trust")
    assert_accessible(page)
    page.get_by_role("link", name="Trust 0's position against its peers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your position against your peers")
    page.go_back()
    page.get_by_role("link", name="Back to submission rounds").click()
    page.get_by_role("link", name="Annual statistics 2026").click()
    page.get_by_role("link", name="Trust 0's position against its peers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your position against your peers")
    searches = page.get_by_role("row", name=re.compile("^Evidence searches"))
    expect(searches).to_contain_text("250")
    # Its peers: the seven South West acute trusts (200 to 250, and its own 250).
    expect(searches.locator("td").nth(1)).to_have_text(re.compile(r"Peers\s+230"))
    assert_accessible(page)

"""An assessment lead runs an Outcome 2 self-assessment for a directorate in session mode on
one shared screen: the group agrees on level 3 without its evidence and stops half way; they
come back, record the evidence, close the assessment and read the results. axe checks every
page on the way, the error summary included."""

import re

import pytest
from playwright.sync_api import expect

from tests.builders.assessments import add_unit, expect_evidence, lead, make_organisation
from tests.builders.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LEAD = "lead@riverside.nhs.uk"


@pytest.fixture
def riverside():
    organisation = make_organisation()
    add_unit(organisation, "Medicine directorate")
    lead(organisation, LEAD)
    expect_evidence("qiof-2", 3, "Board minutes that record evidence informing a decision")
    return organisation


def test_a_lead_runs_an_outcome_2_assessment_in_session_mode(riverside, page, assert_accessible):
    sign_in(page, LEAD, "/assessments/")
    assert_accessible(page)
    page.get_by_role("link", name="Riverside NHS Trust").click()
    page.get_by_role("link", name="Start a self-assessment").click()
    page.get_by_label(re.compile("Quality and Improvement Outcomes")).check()
    page.get_by_label("Medicine directorate").check()
    page.get_by_label(re.compile(r"^QIOF Outcome 2")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Start").click()

    # The introduction, then session mode: large type and nobody's name or address.
    expect(page.get_by_role("heading", level=2, name="Introduction")).to_be_visible()
    page.get_by_role("button", name="Use session mode").click()
    expect(page.locator("body")).to_have_class(re.compile("app-session-mode"))
    expect(page.get_by_text(LEAD)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Start with Outcome 2").click()

    # One outcome a page, its levels side by side; an answer left out is named and focused.
    expect(page.get_by_role("heading", level=3, name=re.compile("^Level 4"))).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Select which level does the group agree on?")
    expect(summary).to_be_focused()
    assert_accessible(page)

    # Level 3 agreed without its evidence; they stop half way.
    page.get_by_label(re.compile("^Level 3")).check()
    page.get_by_label("Notes (optional)").fill("Ask the Board secretary for the minutes")
    page.get_by_role("button", name="Save and stop for now").click()
    missing = "Level 3 agreed; evidence for level 3 missing, counts as 2"
    expect(page.get_by_text(missing)).to_be_visible()

    # Another day: they come back to the assessment and carry on.
    page.goto("/assessments/")
    page.get_by_role("link", name=re.compile("^Medicine directorate")).click()
    expect(page.locator("body")).to_have_class(re.compile("app-session-mode"))
    page.get_by_role("link", name=re.compile("QIOF Outcome 2")).click()
    expect(page.get_by_label(re.compile("^Level 3"))).to_be_checked()
    expect(page.get_by_label("Notes (optional)")).to_have_value(
        "Ask the Board secretary for the minutes"
    )
    page.get_by_label("We have the evidence this level expects").check()
    page.get_by_label("Evidence (optional)").fill("Board minutes, March: the evidence review")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("QIOF Outcome 2")).not_to_have_count(0)
    assert_accessible(page)

    # Closed: read-only, and the results as a chart and a table.
    page.get_by_role("button", name="Close the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    expect(page.get_by_role("img", name=re.compile("Agreed and counted level"))).to_be_visible()
    row = page.locator("table tbody tr").first
    expect(row.locator("td").nth(0)).to_have_text("3")
    expect(row.locator("td").nth(1)).to_have_text("3")
    expect(page.get_by_text("Things to think about")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the assessment").click()
    page.get_by_role("link", name=re.compile("QIOF Outcome 2")).click()
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)
    expect(page.get_by_text("Level 3", exact=True)).to_be_visible()

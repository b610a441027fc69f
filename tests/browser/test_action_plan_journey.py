"""After closing an assessment: the lead records the discussion, opens a peer's lesson from
the development opportunities, makes an action plan (an overdue action stands out), and
compares the directorate with another one. axe checks every page on the way."""

import datetime
import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from tests.builders.assessments import add_unit, assessment, lead, make_organisation
from tests.builders.browser import sign_in
from tests.builders.lessons import document
from tests.builders.plans import at_level

pytestmark = pytest.mark.django_db(transaction=True)

LEAD = "lead@riverside.nhs.uk"
LAST_WEEK = timezone.localdate() - datetime.timedelta(days=7)


@pytest.fixture
def riverside(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    ensure_site_tree()
    import_lessons(
        document(at_level("ward-round-librarian", title="A librarian on the ward round"))
    )
    organisation = make_organisation()
    medicine, surgery = add_unit(organisation), add_unit(organisation, "Surgery division")
    the_lead = lead(organisation, LEAD)
    assessment(surgery, the_lead, levels=(1,), closed=True)
    return assessment(medicine, the_lead, levels=(2,))


def test_after_closing_a_lead_discusses_plans_and_compares(riverside, page, assert_accessible):
    sign_in(page, LEAD, f"/assessments/{riverside.pk}/")
    page.get_by_role("button", name="Close the assessment").click()
    expect(page.get_by_role("heading", level=2, name="After the results")).to_be_visible()
    assert_accessible(page)

    # The discussion: who took part, and what was decided on Outcome 2.
    page.get_by_role("link", name=re.compile("^The discussion")).click()
    page.get_by_role("button", name="Save the discussion").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the discussion")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Day").fill(str(LAST_WEEK.day))
    page.get_by_label("Month").fill(str(LAST_WEEK.month))
    page.get_by_label("Year").fill(str(LAST_WEEK.year))
    page.get_by_label("Who took part").fill("Chief Nurse\nHead of Library Services")
    page.get_by_label(re.compile("What was decided on")).fill("Invite a clinical librarian")
    page.get_by_role("button", name="Save the discussion").click()
    expect(page.get_by_text("The discussion is recorded.")).to_be_visible()
    expect(page.locator("dd", has_text="Invite a clinical librarian")).to_be_visible()
    assert_accessible(page)

    # A peer's lesson, from the development opportunities.
    page.get_by_role("link", name="Back to the results").click()
    page.get_by_role("link", name=re.compile("^Development opportunities")).click()
    expect(
        page.get_by_role("heading", level=2, name=re.compile("from level 2 to level 3"))
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="A librarian on the ward round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A librarian on the ward round")
    page.go_back()

    # The action plan: one suggested action; given an owner and a date now past, it is overdue.
    page.get_by_role("link", name="Back to the results").click()
    page.get_by_role("link", name=re.compile("^The action plan")).click()
    page.get_by_role("button", name="Make an action plan").click()
    expect(page.get_by_text("one suggested action for each gap")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Change")).click()
    page.get_by_label("Owner (optional)").fill("Head of Library Services")
    page.get_by_label("Day").fill(str(LAST_WEEK.day))
    page.get_by_label("Month").fill(str(LAST_WEEK.month))
    page.get_by_label("Year").fill(str(LAST_WEEK.year))
    page.get_by_label("In progress").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".nhsuk-tag--red", has_text="Overdue")).to_be_visible()
    expect(page.get_by_text("1 overdue action")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="A printable page of the plan").click()
    expect(page.get_by_role("cell", name="Head of Library Services")).to_be_visible()
    assert_accessible(page)

    # The directorate beside the surgery division.
    page.goto(f"/assessments/organisations/{riverside.organisation_id}/compare/")
    table = page.get_by_role("table")
    expect(
        table.get_by_role("columnheader", name=re.compile("Medicine directorate"))
    ).to_be_visible()
    expect(table.get_by_role("columnheader", name=re.compile("Surgery division"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("QIOF Outcome 2"))).to_contain_text("2")
    assert_accessible(page)

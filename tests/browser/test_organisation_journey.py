"""A site editor adds an organisation (an ODS code of the wrong shape is named and focused) and
invites its first lead; the lead accepts, adds a directorate and invites a participant. axe
checks each form, with its errors and without."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Invitation
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_site_editor_adds_an_organisation_and_its_lead_sets_it_up(
    page, assert_accessible, mailoutbox
):
    make_site_editor("editor@example.nhs.uk")
    sign_in(page, "editor@example.nhs.uk", "/assessments/")
    page.get_by_role("link", name="Add an organisation").click()
    page.get_by_label("Name").fill("Riverside NHS Trust")
    page.get_by_label("ODS code").fill("R")
    page.get_by_label("Organisation type").select_option("acute_trust")
    page.get_by_label("Region").select_option("south_west")
    page.get_by_label("Workforce size").fill("6200")
    page.get_by_label("Email address of its first assessment lead").fill("lead@riverside.nhs.uk")
    page.get_by_role("button", name="Add the organisation").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("The ODS code must be 3 to 6 letters and digits")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("ODS code").fill("rh8")
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside NHS Trust")
    expect(page.get_by_text("RH8")).to_be_visible()
    assert_accessible(page)

    # The first lead accepts (the emailed link's token is only in the email).
    [mail] = mailoutbox
    link = re.search(r"/assessments/invitations/\S+/", mail.body).group(0)
    assert Invitation.objects.get().email == "lead@riverside.nhs.uk"
    make_user("lead@riverside.nhs.uk")
    page.context.clear_cookies()
    sign_in(page, "lead@riverside.nhs.uk", link)
    assert_accessible(page)
    page.get_by_role("button", name="Accept the invitation").click()
    page.get_by_role("link", name="Add a unit").click()
    page.get_by_role("button", name="Add the unit").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Name of the unit").fill("Medicine directorate")
    page.get_by_label("A directorate").check()
    page.get_by_role("button", name="Add the unit").click()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill("ward@riverside.nhs.uk")
    page.get_by_label("Participant").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Choose the unit a participant takes part in"
    )
    assert_accessible(page)
    page.get_by_label("Which unit will they take part in?").select_option(
        label="Medicine directorate"
    )
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("ward@riverside.nhs.uk: participant of Medicine directorate")
    ).to_be_visible()
    assert_accessible(page)

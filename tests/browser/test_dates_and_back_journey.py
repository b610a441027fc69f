"""In a real browser, with axe: the "we applied this" form's date is the NHS.UK date input and
its errors name the field and lead to its first box; the share form's Back link loses nothing
that was typed, and the Enter key still saves and continues."""

import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from network.models import Membership, NetworkPage
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def member():
    ensure_site_tree()
    import_lessons(document(lesson()))
    member = make_user("cara@example.nhs.uk")
    Membership.objects.create(network=NetworkPage.objects.get(slug="south-west-km"), user=member)
    return member


def sign_in(page, member, then):
    page.goto(f"/accounts/login/?next={then}")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def heading(page):
    return page.get_by_role("heading", level=1)


def test_the_apply_forms_date_errors_name_the_field_and_lead_to_its_boxes(
    member, page, assert_accessible
):
    sign_in(page, member, "/lessons/discharge-huddles/apply/")
    expect(heading(page)).to_have_text("Tell us your team applied this lesson")
    date = page.get_by_role("group", name="When did you start?")
    expect(date.get_by_label("Day")).to_be_visible()
    page.get_by_label("Type of organisation").select_option("community_trust")
    page.get_by_label("Region").select_option("north_west")
    page.get_by_label("A team", exact=True).check()
    page.get_by_label("What did you do, and what did you adapt?").fill("Ran it by phone.")
    date.get_by_label("Day").fill("15")
    date.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Record that we applied it").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text("The date you started must include a month")
    expect(date.get_by_label("Day")).to_have_value("15")
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(date.get_by_label("Day")).to_be_focused()

    date.get_by_label("Day").fill("31")
    date.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Record that we applied it").click()
    expect(page.locator(".nhsuk-error-summary").get_by_role("link")).to_have_text(
        "The date you started must be a real date, for example 15 3 2025"
    )
    assert_accessible(page)

    date.get_by_label("Day").fill("28")
    page.get_by_role("button", name="Record that we applied it").click()
    expect(page.get_by_text("your team's application is recorded")).to_be_visible()


def test_the_share_forms_back_link_keeps_what_was_typed(member, page, assert_accessible):
    sign_in(page, member, "/lessons/share/")
    expect(heading(page)).to_have_text("Share a lesson")

    # Step 1 before the lesson exists: nothing to save yet, so it is kept as typed.
    page.get_by_label("Summary").fill("Fifteen protected minutes a day.")
    page.get_by_role("button", name="Back").click()
    expect(heading(page)).to_have_text("My lessons")
    expect(page.get_by_text("is kept but not saved yet")).to_be_visible()
    page.goto("/lessons/share/")
    expect(page.get_by_label("Summary")).to_have_value("Fifteen protected minutes a day.")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter a title")
    # The error summary comes first in the main content, before the introduction.
    assert page.evaluate(
        "document.querySelector('main .nhsuk-error-summary')"
        ".compareDocumentPosition(document.querySelector('main h1')) & 4"
    )
    assert_accessible(page)

    page.get_by_label("Lesson learned").check()
    page.get_by_label("Title", exact=True).fill("Protected time for evidence huddles")
    page.get_by_role("button", name=re.compile("^Save and continue")).click()

    # A step that can be saved is saved by Back.
    expect(heading(page)).to_have_text("Tell the story")
    page.get_by_label("What we set out to do").fill("One piece of evidence at each huddle.")
    page.get_by_role("button", name="Back").click()
    expect(heading(page)).to_have_text("What is your lesson?")
    page.get_by_role("button", name=re.compile("^Save and continue")).click()
    expect(page.get_by_label("What we set out to do")).to_have_value(
        "One piece of evidence at each huddle."
    )
    page.get_by_role("button", name=re.compile("^Save and continue")).click()

    # One that cannot be saved yet (no such date) is kept, and shown again with its error.
    expect(heading(page)).to_have_text("Where did it happen?")
    page.get_by_label("Care or service setting").fill("inpatient wards")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Back").click()
    expect(heading(page)).to_have_text("Tell the story")
    page.get_by_role("button", name=re.compile("^Save and continue")).click()
    expect(heading(page)).to_have_text("Where did it happen?")
    expect(page.get_by_label("Care or service setting")).to_have_value("inpatient wards")
    expect(page.get_by_label("Day")).to_have_value("31")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "When did the work happen? must be a real date"
    )
    assert_accessible(page)

    # The Enter key still saves and continues, not goes back.
    page.get_by_label("Day").fill("28")
    page.get_by_label("Care or service setting").press("Enter")
    expect(heading(page)).to_have_text("Who was in the team?")

"""A visitor signs a campaign's pledge, confirms from the email, and the count goes up by one
(issue 22). axe checks the campaign page (with the form's errors and without), the page that
asks to check the email and the confirmation."""

import re

from django.core import mail
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree
from tests.builders.campaigns import add_campaign, confirmed_signature

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def campaign():
    cache.clear()  # no rate limit counts left by other tests (the cache table is not flushed)
    ensure_site_tree()
    campaign = add_campaign(milestones=[2])
    confirmed_signature(campaign, 0, listed_publicly=True)
    mail.outbox.clear()
    return campaign


def test_a_visitor_signs_confirms_from_the_email_and_the_count_goes_up(
    campaign, page, assert_accessible
):
    page.goto(campaign.url)
    count = page.get_by_test_id("signature-count")
    expect(count).to_have_text("1")
    assert_accessible(page)

    page.get_by_role("button", name="Sign the pledge").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter your name")
    expect(summary).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Your name").fill("Vera Visitor")
    page.get_by_label("Your organisation").fill("Hillside Trust")
    page.get_by_label("Your role").fill("Matron")
    page.get_by_label("Your region").select_option("London")
    page.get_by_label("Your email address").fill("vera@example.nhs.uk")
    page.get_by_label("List my name, role and organisation").check()
    page.get_by_role("button", name="Sign the pledge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    page.goto(campaign.url)
    expect(count).to_have_text("1")  # not until confirmed

    [email] = mail.outbox
    confirm = re.search(r"https?://[^/\s]+(/campaigns/\S+/confirm/\S+/)", email.body)[1]
    page.goto(confirm)
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your signature counts")
    assert_accessible(page)

    page.goto(campaign.url)
    expect(count).to_have_text("2")
    expect(page.locator(".app-supporters")).to_contain_text("Vera Visitor")
    expect(page.locator(".app-milestones")).to_contain_text("2 signatures: reached on")

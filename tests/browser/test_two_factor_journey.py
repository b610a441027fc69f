"""A facilitator who must use two-factor sign-in signs in, is sent to set up an authenticator
app, sets it up with the code the app would show, sees their recovery codes and goes on to the
page they asked for; every step passes axe and the Content-Security-Policy (the QR code is
inline SVG)."""

import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from tests.builders.accounts import PASSWORD
from tests.builders.lessons import document
from tests.builders.network import make_member
from tests.builders.two_factor import code_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_facilitator_sets_up_two_factor_sign_in_on_the_way(page, assert_accessible, settings):
    settings.TWO_FACTOR_REQUIRED = True
    ensure_site_tree()
    import_lessons(document())
    make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")

    page.goto("/accounts/login/?next=/members/")
    page.get_by_label("Email address").fill("lead@example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # allauth asks for the password again before two-factor settings change.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_text("Your role lets you see other people's details")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    assert_accessible(page)

    secret = page.get_by_label("Key", exact=True).input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(
        page.get_by_role("list", name="Unused recovery codes").get_by_role("listitem")
    ).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Find people")

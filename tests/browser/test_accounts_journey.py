"""Sign-in and sign-up forms in a real browser: the error summary takes focus, its links lead to
the fields, every error has its own id, and nothing fails axe."""

import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree
from tests.builders.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return ids.filter((id, n) => ids.indexOf(id) !== n);
}"""


def test_an_empty_sign_in_moves_focus_to_the_error_summary(page, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter your email address", "Enter your password"]
    )
    assert_accessible(page)

    summary.get_by_role("link", name="Enter your password").click()
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email address")).to_be_focused()


def test_two_errors_on_one_password_each_have_their_own_id(page, assert_accessible):
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").fill("new@example.nhs.uk")
    page.get_by_label("Password", exact=True).fill("12345678")  # too common, and all digits
    page.get_by_label("Confirm password").fill("12345678")
    page.get_by_role("button", name="Sign up").click()

    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    password = page.get_by_label("Password", exact=True)
    errors = page.locator("#id_password1-error-1, #id_password1-error-2")
    expect(errors).to_have_count(2)
    described_by = password.get_attribute("aria-describedby").split()
    assert described_by == ["id_password1-hint", "id_password1-error-1", "id_password1-error-2"]
    # The errors are near the top: wait for the rest of the document before looking for ids.
    page.wait_for_load_state("load")
    assert page.evaluate(DUPLICATE_IDS) == []
    assert_accessible(page)


def test_a_member_who_opens_the_admin_is_told_what_they_can_do(page, assert_accessible):
    ensure_site_tree()
    make_user("member@example.nhs.uk")
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email address").fill("member@example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The admin is for editors and facilitators"
    )
    assert_accessible(page)
    page.get_by_role("link", name="edit your profile").click()
    expect(page).to_have_url(re.compile(r"/members/me/edit/$"))

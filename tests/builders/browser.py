"""Steps a person takes in the real browser (tests/browser/)."""

from tests.builders.accounts import PASSWORD


def sign_in(page, email, next_url="/"):
    """Sign in through allauth's form, then go on to next_url."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

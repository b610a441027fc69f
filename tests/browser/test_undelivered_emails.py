"""A site editor finds the emails that could not be sent in the admin, and reads one (axe,
WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import expect

from accounts.models import UndeliveredEmail
from tests.builders.accounts import make_site_editor
from tests.builders.browser import sign_in
from tests.builders.database import put_back_shipped_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_site_editor_reads_an_undelivered_email_from_the_settings_menu(page, assert_accessible):
    put_back_shipped_data()
    email = UndeliveredEmail.objects.create(
        subject="Your lesson needs changes",
        recipients="champion@example.nhs.uk",
        body="The reviewer asks for the team's experience.\n",
        attempts=6,
        error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    make_site_editor()
    sign_in(page, "editor@example.nhs.uk", next_url="/admin/")
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="Undelivered emails").click()
    expect(page.get_by_role("link", name="Your lesson needs changes")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/admin/undelivered-emails/inspect/{email.pk}/")
    expect(page.get_by_text("The reviewer asks for the team's experience.")).to_be_visible()
    assert_accessible(page)

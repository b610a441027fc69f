"""Account emails speak as the site, by its name, in plain text."""

from django.conf import settings
from django.core import mail

import pytest

from tests.builders.accounts import PASSWORD, make_user

NAME = settings.WAGTAIL_SITE_NAME


def sign_up(client, email):
    client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def reset(client, email):
    client.post("/accounts/password/reset/", {"email": email})


@pytest.mark.parametrize(
    ("send", "subject", "link"),
    [
        (sign_up, f"Confirm your email address for {NAME}", "/accounts/confirm-email/"),
        (reset, f"You do not have an account on {NAME}", "/accounts/signup/"),
    ],
)
def test_an_account_email_names_the_site_and_is_plain_text(db, client, send, subject, link):
    send(client, "o'brien@example.nhs.uk")
    [message] = mail.outbox
    assert message.subject == subject
    assert message.body.startswith("Hello,\n")
    assert message.body.rstrip().endswith(NAME)
    assert "o'brien@example.nhs.uk" in message.body and f"http://testserver{link}" in message.body
    for wrong in ["&#x27;", "&amp;", "Hello from", "testserver!", "[testserver]"]:
        assert wrong not in message.subject + message.body


def test_the_password_reset_email_names_the_site(db, client):
    make_user("o'brien@example.nhs.uk", last_name="O'Brien")
    reset(client, "o'brien@example.nhs.uk")
    [message] = mail.outbox
    assert message.subject == f"Reset your password for {NAME}"
    assert "/accounts/password/reset/key/" in message.body
    assert "&#x27;" not in message.body and "testserver!" not in message.body

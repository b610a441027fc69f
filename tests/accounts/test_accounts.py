"""Sign up, email verification, log in, rate limits, and the admin's single door."""

import re
from urllib.parse import unquote

from django.core import mail

from accounts.models import User
from tests.builders.accounts import PASSWORD, make_user


def test_sign_up_requires_email_verification(db, client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new.member@example.nhs.uk", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.member@example.nhs.uk"]

    # Not verified yet: signing in sends the person back to verify.
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.member@example.nhs.uk", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body)
    confirm = client.post(link.group(1))
    assert confirm.status_code == 302
    assert User.objects.get(email="new.member@example.nhs.uk").emailaddress_set.get().verified
    assert client.get("/").context["user"].is_authenticated


def test_sign_up_errors_are_shown_and_the_email_kept(db, client):
    response = client.post(
        "/accounts/signup/",
        {"email": "someone@example.nhs.uk", "password1": "short", "password2": "different"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-message" in html
    assert 'value="someone@example.nhs.uk"' in html
    assert not User.objects.exists()


def test_log_in_and_out(db, client):
    make_user("member@example.nhs.uk")
    response = client.post(
        "/accounts/login/", {"login": "member@example.nhs.uk", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "member@example.nhs.uk"
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_failed_logins_are_rate_limited(db, client):
    make_user("member@example.nhs.uk")
    for _ in range(5):
        response = client.post(
            "/accounts/login/", {"login": "member@example.nhs.uk", "password": "wrong"}
        )
        assert "The email address or password is not right" in (response.content.decode())
    response = client.post(
        "/accounts/login/", {"login": "member@example.nhs.uk", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(db, client):
    make_user("member@example.nhs.uk")
    response = client.post("/accounts/password/reset/", {"email": "member@example.nhs.uk"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_the_admin_signs_in_through_the_same_rate_limited_door(db, client):
    response = client.get("/admin/", follow=True)
    assert unquote(response.redirect_chain[-1][0]) == "/accounts/login/?next=/admin/"

    make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True)
    response = client.post(
        "/admin/login/", {"username": "editor@example.nhs.uk", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session

    client.post("/accounts/login/", {"login": "editor@example.nhs.uk", "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


def test_a_reset_link_lets_you_choose_a_new_password(db, client):
    make_user("member@example.nhs.uk")
    client.post("/accounts/password/reset/", {"email": "member@example.nhs.uk"})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "another-long-password-9"
    done = client.post(
        form.redirect_chain[-1][0], {"password1": new, "password2": new}, follow=True
    )
    assert "Your password has been changed" in done.content.decode()
    client.post("/accounts/login/", {"login": "member@example.nhs.uk", "password": new})
    assert "_auth_user_id" in client.session

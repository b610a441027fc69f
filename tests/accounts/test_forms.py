"""Forms follow the NHS.UK pattern: an error summary that takes focus and links to each field,
messages that name the field, one id per message; account pages in sentence case, UK English."""

import re
from collections import Counter

from django import forms
from django.template.loader import render_to_string

import pytest

from tests.builders.accounts import make_user


def summary_links(html):
    summary = re.search(r'<div class="nhsuk-error-summary".*?</ul>', html, re.S).group(0)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


def test_a_failed_sign_in_shows_an_error_summary_that_takes_focus(db, client):
    html = client.post("/accounts/login/", {"login": "", "password": ""}).content.decode()
    assert re.search(
        r'<div class="nhsuk-error-summary" data-module="nhsuk-error-summary"[^>]* tabindex="-1"',
        html,
    )
    assert '<div role="alert">' in html
    assert "aria-labelledby" not in html  # not on a div without a role (axe)
    assert summary_links(html) == [
        ("id_login", "Enter your email address"),
        ("id_password", "Enter your password"),
    ]
    assert "This field is required" not in html


def test_a_wrong_password_is_summarised_and_linked_to_the_first_field(db, client):
    make_user("member@example.nhs.uk")
    response = client.post("/accounts/login/", {"login": "member@example.nhs.uk", "password": "x"})
    [(target, message)] = summary_links(response.content.decode())
    assert target == "id_login"
    assert message == "The email address or password is not right. Check them and try again"
    assert "and/or" not in response.content.decode()


def test_each_error_has_its_own_id_and_the_field_is_described_by_all_of_them(db, client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.nhs.uk", "password1": "12345678", "password2": "12345678"},
    )
    html = response.content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    errors = re.findall(r'<span class="nhsuk-error-message" id="(id_password1-error-\d)">', html)
    assert errors == ["id_password1-error-1", "id_password1-error-2"]
    box = re.search(r'<input type="password" name="password1"[^>]*>', html).group(0)
    assert 'aria-describedby="id_password1-hint id_password1-error-1 id_password1-error-2"' in box
    assert [target for target, _ in summary_links(html)] == ["id_password1", "id_password1"]


class ExampleForm(forms.Form):
    role = forms.CharField(label="Job role")
    years = forms.IntegerField(label="Years of experience")
    kind = forms.ChoiceField(label="Organisation type", choices=[("", "Choose"), ("a", "A")])
    body = forms.CharField(label="NHS body")
    email = forms.EmailField(label="Email address", error_messages={"required": "Enter it"})


def test_every_forms_messages_name_the_field():
    form = ExampleForm({"years": "many", "email": ""})
    html = render_to_string("includes/form.html", {"form": form})
    assert summary_links(html) == [
        ("id_role", "Enter job role"),
        ("id_years", "Years of experience: Enter a whole number."),
        ("id_kind", "Select organisation type"),
        ("id_body", "Enter NHS body"),
        ("id_email", "Enter it"),
    ]


def test_a_message_that_names_its_field_is_kept_as_it_is():
    form = ExampleForm({"email": "not-an-email"})
    html = render_to_string("includes/form.html", {"form": form})
    assert ("id_email", "Enter a valid email address.") in summary_links(html)


def test_forgotten_password_comes_after_the_password_box(db, client):
    html = client.get("/accounts/login/").content.decode()
    assert "Forgot your password" not in html
    assert html.index('name="password"') < html.index("Forgotten your password?")
    assert html.index('name="login"') < html.index('name="password"')


@pytest.mark.parametrize(
    ("path", "signed_in", "heading"),
    [
        ("/accounts/login/", False, "Sign in"),
        ("/accounts/signup/", False, "Sign up"),
        ("/accounts/logout/", True, "Sign out"),
        ("/accounts/password/reset/", False, "Reset your password"),
        ("/accounts/password/reset/done/", False, "Check your email"),
        ("/accounts/password/reset/key/1-bad/", False, "This link has expired"),
        ("/accounts/password/change/", True, "Change your password"),
        ("/accounts/confirm-email/", False, "Verify your email address"),
        ("/accounts/confirm-email/bad-key/", False, "Confirm your email address"),
        ("/accounts/email/", True, "Your email addresses"),
        ("/accounts/inactive/", False, "This account is not active"),
    ],
)
def test_account_pages_are_in_sentence_case_and_uk_english(db, client, path, signed_in, heading):
    if signed_in:
        client.force_login(make_user("member@example.nhs.uk"))
    response = client.get(path, follow=True)
    html = response.content.decode()
    assert re.search(r"<h1>\s*(.*?)\s*</h1>", html, re.S).group(1) == heading
    assert f"<title>{heading} –" in html
    for us_or_title_case in [
        "Sign In",
        "Sign Up",
        "Sign Out",
        "Password Reset",
        "Change Password",
        "Email Address",
        "Remember Me",
        "Forgot ",
        "finalize",
        "Signup",
    ]:
        assert us_or_title_case not in html, us_or_title_case

"""There is exactly one sign-in: allauth's, with its rate limits and email verification."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, get_resolver, resolve

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests.builders.accounts import PASSWORD, make_user

TOO_MANY = "Too many failed login attempts"


def login_view_paths(patterns=None, prefix=""):
    """Every path in the URLconf whose view is a Django (or Wagtail) password login form."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from login_view_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, auth_views.LoginView):
                yield "/" + route.lstrip("^").rstrip("$")


def lock_out(client, email):
    for _ in range(5):
        client.post("/accounts/login/", {"login": email, "password": "wrong"})


def test_no_django_login_form_is_reachable():
    paths = list(login_view_paths())
    assert "/_util/login/" in paths and "/admin/login/" in paths
    for path in paths:
        view_class = getattr(resolve(path).func, "view_class", None)
        assert not (view_class and issubclass(view_class, auth_views.LoginView)), path


def test_wagtails_sign_in_path_leads_to_allauths_form_keeping_next(db, client):
    response = client.get("/_util/login/?next=/lessons/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/lessons/"
    assert 'name="login"' in client.get(response.url).content.decode()


@pytest.mark.parametrize("account", ["unverified", "locked out"])
def test_credentials_posted_to_wagtails_sign_in_path_never_sign_in(db, client, account):
    if account == "unverified":
        user = User.objects.create_user(email="new@example.nhs.uk", password=PASSWORD)
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    else:
        user = make_user("new@example.nhs.uk")
        lock_out(client, user.email)
    response = client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_are_throttled_and_lock_the_account(db, client):
    user = make_user("member@example.nhs.uk")
    answers = [
        client.post("/accounts/login/", {"login": user.email, "password": f"wrong-{n}"})
        for n in range(30)
    ]
    assert all(TOO_MANY in answer.content.decode() for answer in answers[5:])
    for door, fields in [
        ("/accounts/login/", {"login": user.email, "password": PASSWORD}),
        ("/_util/login/", {"username": user.email, "password": PASSWORD}),
        ("/admin/login/", {"username": user.email, "password": PASSWORD}),
    ]:
        client.post(door, fields)
        assert "_auth_user_id" not in client.session, door


def test_the_admins_own_password_reset_is_switched_off(db, client):
    assert client.get("/admin/password_reset/").status_code == 404

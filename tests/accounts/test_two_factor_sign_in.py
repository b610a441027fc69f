"""Two-factor sign-in through allauth's real code path: setting up an authenticator app with the
code it would show, being asked for a code at sign-in, and recovery codes that work once."""

import pytest

from tests.builders.accounts import make_user
from tests.builders.network import make_member
from tests.builders.two_factor import (
    ACTIVATE,
    REQUIRED,
    code_for,
    confirm_password,
    sign_in,
    stored_code,
    with_authenticator,
)

pytestmark = pytest.mark.django_db
AUTHENTICATE = "/accounts/2fa/authenticate/"
RECOVERY_CODES = "/accounts/2fa/recovery-codes/"


def signed_in(client):
    return client.get("/members/me/edit/").status_code == 200


@REQUIRED
def test_a_facilitator_sets_up_an_app_and_reaches_the_page_they_wanted(client, import_lessons):
    import_lessons()
    lead = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    sign_in(client, lead.email)
    assert client.get("/members/?q=ward")["Location"] == ACTIVATE
    confirm_password(client)
    secret = client.get(ACTIVATE).context["form"].secret

    wrong = client.post(ACTIVATE, {"code": "12345"})
    assert wrong.status_code == 200
    assert 'href="#id_code"' in wrong.text  # the error summary leads to the field
    response = client.post(ACTIVATE, {"code": code_for(secret)})

    assert response.status_code == 302 and response["Location"] == RECOVERY_CODES
    codes = client.get(RECOVERY_CODES)
    assert len(codes.context["unused_codes"]) == 10
    assert all(code in codes.text for code in codes.context["unused_codes"])
    assert 'href="/members/?q=ward"' in codes.text
    assert client.get("/members/?q=ward").status_code == 200
    assert 'href="/members/?q=ward"' not in client.get(RECOVERY_CODES).text


def test_someone_with_an_app_is_asked_for_a_code_at_sign_in(client, site_tree):
    person = make_user("member@example.nhs.uk")
    with_authenticator(person)

    response = sign_in(client, person.email, next_url="/members/")
    assert response.status_code == 302 and response["Location"] == AUTHENTICATE
    assert not signed_in(client)
    wrong = client.post(AUTHENTICATE, {"code": "12345"})
    assert wrong.status_code == 200 and "nhsuk-error-summary" in wrong.text
    assert not signed_in(client)

    response = client.post(AUTHENTICATE, {"code": stored_code(person)})
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert signed_in(client)


def test_a_recovery_code_signs_in_once(client, site_tree):
    person = make_user("member@example.nhs.uk")
    code = with_authenticator(person)[0]

    sign_in(client, person.email)
    assert client.post(AUTHENTICATE, {"code": code}).status_code == 302
    assert signed_in(client)
    client.post("/accounts/logout/")

    sign_in(client, person.email)
    again = client.post(AUTHENTICATE, {"code": code})
    assert again.status_code == 200 and "nhsuk-error-summary" in again.text
    assert not signed_in(client)

"""Two-factor sign-in is required of the roles that can see other people's data, site editors,
facilitators, regional leads and assessment leads (accounts/two_factor.py), and optional for
members: whoever needs it and has no authenticator app is sent to set one up, from every page
but allauth's own and the health checks; a setting turns the requirement off."""

from django.contrib.auth.models import Permission
from django.test import override_settings

import pytest

from accounts.roles import APP_LABEL, CODENAME
from accounts.two_factor import needs_two_factor
from assessments.models import Lead
from core.vocabulary import Region
from network.models import RegionalLead
from tests.builders.accounts import make_user
from tests.builders.assessments import make_organisation
from tests.builders.network import make_member
from tests.builders.two_factor import (
    ACTIVATE,
    REQUIRED,
    confirm_password,
    sign_in,
    with_authenticator,
)

pytestmark = pytest.mark.django_db


def site_editor(email):
    """A site editor by the permission alone, not through the group."""
    user = make_user(email)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=APP_LABEL, codename=CODENAME)
    )
    return user


def facilitator(email):
    return make_member("south-west-km", email, role="facilitator")


def regional_lead(email):
    user = make_user(email)
    RegionalLead.objects.create(user=user, region=Region.LONDON)
    return user


def assessment_lead(email):
    user = make_user(email)
    Lead.objects.create(organisation=make_organisation(), user=user)
    return user


def member(email):
    return make_member("south-west-km", email)


NEEDING = [site_editor, facilitator, regional_lead, assessment_lead]


@pytest.fixture(autouse=True)
def networks(import_lessons):
    import_lessons()


@REQUIRED
@pytest.mark.parametrize("role", NEEDING)
def test_each_role_that_sees_others_data_is_sent_to_set_up_an_authenticator(client, role):
    person = role("someone@example.nhs.uk")
    assert needs_two_factor(person)
    sign_in(client, person.email)

    response = client.get("/members/")
    assert response.status_code == 302 and response["Location"] == ACTIVATE
    confirm_password(client)
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert "Your role lets you see other people's details" in page.text
    assert '<svg role="img" aria-label="QR code for your authenticator app"' in page.text
    assert "<?xml" not in page.text


@REQUIRED
def test_the_admin_is_no_way_round(client):
    sign_in(client, facilitator("lead@example.nhs.uk").email)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == ACTIVATE


@REQUIRED
def test_a_member_is_not_asked_and_finds_two_factor_from_their_profile(client):
    person = member("member@example.nhs.uk")
    assert not needs_two_factor(person)
    sign_in(client, person.email)

    assert client.get("/members/").status_code == 200
    profile = client.get("/members/me/edit/")
    assert profile.status_code == 200
    assert 'href="/accounts/2fa/"' in profile.text
    confirm_password(client)
    page = client.get(ACTIVATE)
    assert "Your role lets you see" not in page.text


@REQUIRED
def test_someone_with_an_authenticator_goes_where_they_asked(client):
    person = facilitator("lead@example.nhs.uk")
    with_authenticator(person)
    client.force_login(person)
    assert client.get("/members/").status_code == 200


@REQUIRED
@pytest.mark.parametrize(
    "address", ["/accounts/2fa/", "/accounts/logout/", "/accounts/email/", "/health/live/"]
)
def test_allauths_pages_and_the_health_checks_stay_open(client, address):
    sign_in(client, facilitator("lead@example.nhs.uk").email)
    assert client.get(address).status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=False)
@pytest.mark.parametrize("role", NEEDING)
def test_the_requirement_is_off_by_setting(client, role):
    person = role("someone@example.nhs.uk")
    assert not needs_two_factor(person)
    sign_in(client, person.email)
    assert client.get("/members/").status_code == 200


def test_a_later_app_adds_its_role_in_one_line(client, settings):
    # Both through pytest-django's fixture: an override_settings around it would be undone
    # first, and the fixture's own undoing would then bring the requirement back for every
    # later test in the process.
    settings.TWO_FACTOR_REQUIRED = True
    settings.TWO_FACTOR_ROLES = [*settings.TWO_FACTOR_ROLES, "tests.builders.two_factor.everyone"]
    assert needs_two_factor(member("member@example.nhs.uk"))

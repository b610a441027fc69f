"""Organisations: site editors add them and invite the first assessment lead; leads add units
and invite participants by email; an invitation is accepted only by the member signed in with
its address. Nobody joins an organisation by saying so."""

import re

from django.urls import reverse

import pytest

from assessments.models import Invitation, Lead, Organisation, Participant, Unit
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.assessments import add_unit, lead, make_organisation, participant

FORM = {
    "name": "Riverside NHS Trust",
    "ods_code": " rh8 ",
    "organisation_type": "acute_trust",
    "region": "south_west",
    "workforce_size": "6200",
    "first_lead_email": "lead@riverside.nhs.uk",
}


def _link(mail):
    return re.search(r"https?://\S+/assessments/invitations/\S+/", mail.body).group(0)


def test_a_site_editor_adds_an_organisation_and_its_first_lead_accepts_by_email(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(make_site_editor())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:organisation_new"), FORM)
    organisation = Organisation.objects.get()
    assert response.url == reverse("assessments:organisation", args=[organisation.pk])
    assert organisation.ods_code == "RH8"
    assert [unit.kind for unit in organisation.units.all()] == [Unit.Kind.WHOLE]
    assert not Lead.objects.exists()
    [mail] = mailoutbox
    assert mail.to == ["lead@riverside.nhs.uk"]
    path = _link(mail).split("://", 1)[1].split("/", 1)[1]

    newcomer = make_user("lead@riverside.nhs.uk")
    client.force_login(newcomer)
    assert client.get(f"/{path}").status_code == 200
    client.post(f"/{path}")
    assert organisation.is_led_by(newcomer)
    assert client.post(f"/{path}").status_code == 404  # used once


def test_an_invitation_opens_for_no_one_but_its_addressee(client, db):
    organisation = make_organisation()
    invitation = Invitation.send(
        organisation=organisation,
        email="lead@riverside.nhs.uk",
        role=Invitation.Role.LEAD,
        by=make_site_editor(),
    )
    url = reverse("assessments:invitation", args=[invitation.token])
    client.force_login(make_user("someone@else.nhs.uk"))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Lead.objects.exists()
    client.force_login(make_user("lead@riverside.nhs.uk"))
    assert client.get(reverse("assessments:invitation", args=["not-a-token"])).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ods_code", "R", "The ODS code must be 3 to 6 letters and digits"),
        ("ods_code", "RH8-01", "ODS code"),
        ("ods_code", "", "Enter ods code"),
        ("workforce_size", "lots", "Workforce size must be a whole number from 1 to"),
        ("workforce_size", "0", "Workforce size must be a whole number from 1 to"),
        ("first_lead_email", "not an address", "Email address of its first assessment lead"),
        ("region", "atlantis", "Region"),
    ],
)
def test_the_organisation_form_reshows_with_errors_that_name_the_field(
    client, db, field, value, message
):
    client.force_login(make_site_editor())
    response = client.post(reverse("assessments:organisation_new"), {**FORM, field: value})
    assert response.status_code == 200
    assert message.lower() in response.text.lower()
    assert not Organisation.objects.exists()


def test_an_ods_code_names_one_organisation(client, db):
    make_organisation(ods_code="RH8")
    client.force_login(make_site_editor())
    response = client.post(reverse("assessments:organisation_new"), FORM)
    assert "An organisation with this ODS code is already here" in response.text


@pytest.mark.parametrize("who", ["member", "lead", "anonymous"])
def test_only_site_editors_add_organisations(client, db, who):
    organisation = make_organisation()
    if who != "anonymous":
        user = lead(organisation, "lead@x.nhs.uk") if who == "lead" else make_user("m@x.nhs.uk")
        client.force_login(user)
    response = client.post(reverse("assessments:organisation_new"), {**FORM, "ods_code": "RZZ"})
    assert (
        response.status_code in (302, 403)
        and not Organisation.objects.filter(ods_code="RZZ").exists()
    )


def test_a_lead_adds_a_unit_and_invites_a_participant_to_it(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = make_organisation()
    client.force_login(lead(organisation, "lead@riverside.nhs.uk"))
    response = client.post(
        reverse("assessments:unit_new", args=[organisation.pk]),
        {"name": "Surgery division", "kind": "division"},
    )
    assert response.status_code == 302
    division = organisation.units.get(name="Surgery division")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assessments:invite", args=[organisation.pk]),
            {"email": "surgeon@riverside.nhs.uk", "role": "participant", "unit": division.pk},
        )
    [mail] = mailoutbox
    path = "/" + _link(mail).split("://", 1)[1].split("/", 1)[1]
    surgeon = make_user("surgeon@riverside.nhs.uk")
    client.force_login(surgeon)
    client.post(path)
    assert Participant.objects.filter(unit=division, user=surgeon).exists()
    assert not organisation.is_led_by(surgeon)


def test_a_participant_is_invited_to_a_unit_and_the_form_says_so(client, db):
    organisation = make_organisation()
    client.force_login(lead(organisation, "lead@riverside.nhs.uk"))
    response = client.post(
        reverse("assessments:invite", args=[organisation.pk]),
        {"email": "someone@riverside.nhs.uk", "role": "participant"},
    )
    assert "Choose the unit a participant takes part in" in response.text
    assert not Invitation.objects.exists()


def test_a_unit_name_is_not_used_twice_in_one_organisation(client, db):
    organisation = make_organisation()
    add_unit(organisation, "Medicine directorate")
    client.force_login(lead(organisation, "lead@riverside.nhs.uk"))
    response = client.post(
        reverse("assessments:unit_new", args=[organisation.pk]),
        {"name": "medicine directorate", "kind": "directorate"},
    )
    assert "The organisation already has a unit with this name" in response.text


@pytest.mark.parametrize("view", ["unit_new", "invite"])
def test_only_an_organisations_leads_manage_it(client, db, view):
    organisation = make_organisation()
    other = make_organisation("Hillside", "RHL")
    client.force_login(lead(other, "lead@hillside.nhs.uk"))
    assert client.get(reverse(f"assessments:{view}", args=[organisation.pk])).status_code == 404


def test_invitations_are_rate_limited(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite": "1/h/member"}
    organisation = make_organisation()
    client.force_login(lead(organisation, "lead@riverside.nhs.uk"))
    url = reverse("assessments:invite", args=[organisation.pk])
    data = {"email": "a@riverside.nhs.uk", "role": "lead"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "email": "b@riverside.nhs.uk"})
    assert response.status_code == 429
    assert Invitation.objects.count() == 1


def test_a_lead_removes_a_participant_who_then_sees_the_units_work_no_more(client, db):
    organisation = make_organisation()
    unit = add_unit(organisation)
    ward = participant(unit, "ward@riverside.nhs.uk")
    taking_part = Participant.objects.get(user=ward)
    url = reverse("assessments:participant_remove", args=[organisation.pk, taking_part.pk])
    client.force_login(lead(make_organisation("Hillside", "RHL"), "lead@hillside.nhs.uk"))
    assert client.post(url).status_code == 404  # another organisation's lead
    client.force_login(ward)
    assert client.post(url).status_code == 404  # a participant manages nothing
    client.force_login(lead(organisation, "lead@riverside.nhs.uk"))
    assert client.post(url).status_code == 302
    assert not unit.has_participant(ward)

"""The privacy matrix: what each kind of person gets from each address of an assessment, in
each state. Anyone the read rule refuses is told "not found"; notes are never shown to the
region's lead."""

from django.urls import reverse

import pytest

from assessments.models import EvidenceFile
from tests.builders.assessment_matrix import (
    NOTE_READERS,
    PEOPLE,
    READERS,
    STATES,
    signed_in_as,
)
from tests.builders.assessments import participant

_as = signed_in_as


def _pages(subject):
    return {
        "introduction": reverse("assessments:assessment", args=[subject.pk]),
        "outcome page": reverse("assessments:answer", args=[subject.pk, 1]),
        "results": reverse("assessments:results", args=[subject.pk]),
    }


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", PEOPLE)
def test_each_page_of_an_assessment_opens_only_to_those_who_may_read_it(client, world, kind, state):
    subject = world["assessments"][state]
    client = _as(client, world, kind)
    for name, url in _pages(subject).items():
        status = client.get(url).status_code
        assert status == (200 if kind in READERS[state] else 404), (name, status)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", PEOPLE)
def test_each_evidence_file_opens_only_to_those_who_may_read_its_assessment(
    client, world, kind, state
):
    evidence = EvidenceFile.objects.get(answer__assessment=world["assessments"][state])
    response = _as(client, world, kind).get(
        reverse("assessments:evidence_file", args=[evidence.pk])
    )
    if kind in READERS[state]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "private" in response["Cache-Control"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", PEOPLE)
def test_notes_show_only_to_the_organisations_leads_and_the_units_participants(
    client, world, kind, state
):
    subject = world["assessments"][state]
    client = _as(client, world, kind)
    shown = [
        name
        for name, url in _pages(subject).items()
        if "Private notes on qiof-2" in client.get(url).text
    ]
    if kind in NOTE_READERS:
        assert shown == ["outcome page"]
    else:
        assert shown == []


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", PEOPLE)
def test_the_list_of_assessments_and_the_organisation_page_show_only_what_the_rule_gives(
    client, world, kind, state
):
    subject = world["assessments"][state]
    index = reverse("assessments:index")
    organisation = reverse("assessments:organisation", args=[subject.organisation_id])
    if kind == "anonymous":
        assert client.get(index).status_code == 302  # to sign in
        assert client.get(organisation).status_code == 302
        return
    client = _as(client, world, kind)
    link = reverse(
        "assessments:results" if state == "closed" else "assessments:assessment", args=[subject.pk]
    )
    assert (link in client.get(index).text) == (kind in READERS[state])
    response = client.get(organisation)
    if kind in READERS[state]:
        assert link in response.text
    else:
        assert link not in response.text


@pytest.mark.parametrize("kind", PEOPLE)
def test_who_takes_part_is_shown_to_the_organisations_leads_and_site_editors_only(
    client, world, kind
):
    participant(world["unit"], "theatres@riverside.nhs.uk")
    organisation = reverse("assessments:organisation", args=[world["unit"].organisation_id])
    response = _as(client, world, kind).get(organisation)
    shown = response.status_code == 200 and "theatres@riverside.nhs.uk" in response.text
    assert shown == (kind in {"org_lead", "site_editor"})

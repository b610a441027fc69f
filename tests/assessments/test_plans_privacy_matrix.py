"""The privacy matrix after closing (a sibling of test_privacy_matrix.py, on its world): the
discussion record and the action plan are read as notes are (never by the region's lead);
feedback by whoever may read the assessment. Only the organisation's leads record the
discussion and keep the plan; only the region's lead leaves feedback. A draft has none of it."""

import datetime

from django.urls import reverse

import pytest

from assessments import plans
from assessments.models import Discussion, Feedback
from tests.builders.assessment_matrix import NOTE_READERS, PEOPLE, READERS, STATES
from tests.builders.assessment_matrix import signed_in_as as _as

DECIDED = "Decided: ask the Board secretary to minute the evidence"
FEEDBACK = "Feedback: a strong start on Outcome 2"


@pytest.fixture(scope="module")
def after(world):
    closed = world["assessments"]["closed"]
    lead, region_lead = world["people"]["org_lead"], world["people"]["region_lead"]
    answer = closed.answers.get()
    Discussion.record(
        closed,
        lead,
        held_on=datetime.date(2026, 11, 2),
        took_part="Chief Nurse\nHead of Library Services",
        decided={answer.pk: DECIDED},
    )
    Feedback.leave(closed, region_lead, FEEDBACK)
    plans.make_plan(closed, lead)
    return world


def _urls(subject):
    pk = subject.pk
    return {
        "discussion": reverse("assessments:discussion", args=[pk]),
        "plan": reverse("assessments:plan", args=[pk]),
        "printable plan": reverse("assessments:plan_print", args=[pk]),
        "plan CSV": reverse("assessments:plan_csv", args=[pk]),
        "feedback": reverse("assessments:feedback", args=[pk]),
        "opportunities": reverse("assessments:opportunities", args=[pk]),
        "results": reverse("assessments:results", args=[pk]),
    }


PLANS = {"discussion", "plan", "printable plan", "plan CSV"}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", PEOPLE)
def test_each_page_after_closing_opens_only_to_those_the_rule_gives(client, after, kind, state):
    subject = after["assessments"][state]
    client = _as(client, after, kind)
    for name, url in _urls(subject).items():
        if name == "results":
            continue
        if state == "draft":
            expected = 404
        else:
            readers = NOTE_READERS if name in PLANS else READERS["closed"]
            expected = 200 if kind in readers else 404
        assert client.get(url).status_code == expected, (name, kind)


@pytest.mark.parametrize("kind", PEOPLE)
def test_the_discussion_shows_only_where_notes_do_and_feedback_where_the_assessment_does(
    client, after, kind
):
    client = _as(client, after, kind)
    shown = {
        name: (response := client.get(url)).status_code == 200
        and (DECIDED in response.text, FEEDBACK in response.text, "Chief Nurse" in response.text)
        for name, url in _urls(after["assessments"]["closed"]).items()
    }
    decided = {name for name, found in shown.items() if found and (found[0] or found[2])}
    feedback = {name for name, found in shown.items() if found and found[1]}
    assert decided == ({"discussion"} if kind in NOTE_READERS else set())
    assert feedback == ({"feedback"} if kind in READERS["closed"] else set())


@pytest.mark.parametrize("kind", PEOPLE)
def test_only_the_organisations_leads_record_the_discussion(client, after, kind):
    url = reverse("assessments:discussion", args=[after["assessments"]["closed"].pk])
    data = {
        "held_on_0": "3",
        "held_on_1": "11",
        "held_on_2": "2026",
        "took_part": "Medical Director",
    }
    status = _as(client, after, kind).post(url, data).status_code
    if kind == "org_lead":
        assert status == 302
        assert Discussion.objects.get(assessment__pk=after["assessments"]["closed"].pk).took_part
    else:
        assert status == (403 if kind in NOTE_READERS else 404)


@pytest.mark.parametrize("kind", PEOPLE)
def test_only_the_regions_lead_leaves_feedback(client, after, kind):
    subject = after["assessments"]["closed"]
    url = reverse("assessments:feedback", args=[subject.pk])
    before = Feedback.objects.filter(assessment=subject).count()
    status = _as(client, after, kind).post(url, {"text": "More, please"}).status_code
    if kind == "region_lead":
        assert status == 302
        assert Feedback.objects.filter(assessment=subject).count() == before + 1
    else:
        assert status == (403 if kind in READERS["closed"] else 404)
        assert Feedback.objects.filter(assessment=subject).count() == before


@pytest.mark.parametrize("kind", PEOPLE)
def test_only_the_organisations_leads_make_and_change_the_plan(client, after, kind):
    subject = after["assessments"]["closed"]
    action = subject.action_plan.actions.get()
    change = reverse("assessments:action", args=[subject.pk, action.pk])
    client = _as(client, after, kind)
    expected = 200 if kind == "org_lead" else (403 if kind in NOTE_READERS else 404)
    assert client.get(change).status_code == expected
    made = client.post(reverse("assessments:plan", args=[subject.pk])).status_code
    assert made == (302 if kind == "org_lead" else expected)


def test_session_mode_shows_nobodys_name_after_closing(client, after):
    subject = after["assessments"]["closed"]
    subject.action_plan.actions.update(owner="Dr Ada Owner")
    client = _as(client, after, "org_lead")
    urls = _urls(subject)
    assert "Chief Nurse" in client.get(urls["discussion"]).text
    assert "Dr Ada Owner" in client.get(urls["plan"]).text
    client.post(reverse("assessments:session_mode", args=[subject.pk]), {"mode": "session"})
    for name in ("discussion", "plan", "printable plan"):
        page = client.get(urls[name]).text
        assert "app-session-mode" in page or name == "printable plan"
        assert "Chief Nurse" not in page and "Dr Ada Owner" not in page, name
    assert "2 people" in client.get(urls["discussion"]).text

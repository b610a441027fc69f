"""The case study of the month: facilitators nominate, site editors pick one public case study
a month; the home page and /impact/showcase/ lead with it, or else with the most recent public
case study. A members-only case study is never shown there."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

import pytest

from campaigns.models import CaseStudyNomination, MonthlyPick, case_study_of_the_month
from lessons.models import LessonPage
from tests.builders.accounts import make_user
from tests.builders.impact import case_study
from tests.builders.network import make_member

THIS_MONTH = datetime.date.today().replace(day=1)
VIGNETTE = "A librarian at the huddle gave the ward back thirty hours."


@pytest.fixture
def studies(import_lessons):
    import_lessons(
        case_study("older", {"vignette": VIGNETTE}, date="2024-01-01"),
        case_study("newest", date="2025-09-01"),
        case_study("secret", date="2026-01-01", visibility="members", network="south-west-km"),
        case_study("lesson-not-study", date="2026-02-01", kind="lesson"),
    )
    return {page.slug: page for page in LessonPage.objects.all()}


@pytest.fixture
def editor(db):
    return make_user("editor@example.nhs.uk", is_superuser=True)


def test_without_a_pick_the_most_recent_public_case_study_leads(studies, client):
    assert case_study_of_the_month() == (studies["newest"], False)
    html = client.get("/").content.decode()
    assert "Our most recent case study" in html and "Newest" in html


def test_the_months_pick_leads_the_home_page_with_its_vignette(studies, editor, client):
    MonthlyPick.pick(editor, studies["older"], THIS_MONTH)
    assert case_study_of_the_month() == (studies["older"], True)
    html = client.get("/").content.decode()
    assert "Case study of the month" in html and VIGNETTE in html
    showcase = client.get("/impact/showcase/").content.decode()
    assert VIGNETTE in showcase and THIS_MONTH.strftime("%B %Y") in showcase


def test_a_members_only_case_study_is_never_the_pick(studies, editor):
    with pytest.raises(ValidationError):
        MonthlyPick.pick(editor, studies["secret"], THIS_MONTH)
    with pytest.raises(ValidationError):
        MonthlyPick.pick(editor, studies["lesson-not-study"], THIS_MONTH)
    # A pick made members-only later falls back to the most recent public case study.
    MonthlyPick.pick(editor, studies["older"], THIS_MONTH)
    older = studies["older"]
    older.visibility = "members"
    older.network = studies["secret"].network
    older.save_revision().publish()
    assert case_study_of_the_month() == (studies["newest"], False)
    assert "Older" not in Client().get("/").content.decode()


def test_only_site_editors_pick_and_only_facilitators_nominate(studies, editor):
    facilitator = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    member = make_member("south-west-km", "member@example.nhs.uk")
    with pytest.raises(PermissionDenied):
        MonthlyPick.pick(facilitator, studies["older"], THIS_MONTH)
    with pytest.raises(PermissionDenied):
        CaseStudyNomination.nominate(member, studies["older"], THIS_MONTH)
    with pytest.raises(ValidationError):
        CaseStudyNomination.nominate(facilitator, studies["secret"], THIS_MONTH)
    nomination = CaseStudyNomination.nominate(facilitator, studies["older"], THIS_MONTH, "Clear")
    assert CaseStudyNomination.nominate(facilitator, studies["older"], THIS_MONTH) == nomination
    assert MonthlyPick.pick(editor, nomination.lesson, nomination.month).month == THIS_MONTH


def test_one_pick_a_month_and_picking_again_replaces_it(studies, editor):
    MonthlyPick.pick(editor, studies["older"], THIS_MONTH + datetime.timedelta(days=3))
    MonthlyPick.pick(editor, studies["newest"], THIS_MONTH)
    assert list(MonthlyPick.objects.values_list("lesson__slug", "month")) == [
        ("newest", THIS_MONTH)
    ]


def test_the_showcase_lists_past_picks_anyone_may_read(studies, editor, client):
    last_month = (THIS_MONTH - datetime.timedelta(days=1)).replace(day=1)
    MonthlyPick.pick(editor, studies["older"], last_month)
    html = client.get("/impact/showcase/").content.decode()
    assert last_month.strftime("%B %Y") in html and "Older" in html
    assert "Our most recent case study" in html


def test_a_facilitator_nominates_on_the_site_and_others_may_not(studies, client):
    facilitator = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    client.force_login(make_member("south-west-km", "member@example.nhs.uk"))
    assert client.get("/impact/showcase/nominate/").status_code == 404
    client.force_login(facilitator)
    form = client.get("/impact/showcase/nominate/").content.decode()
    assert "Older" in form and "Secret" not in form and "Lesson not study" not in form
    refused = client.post(
        "/impact/showcase/nominate/", {"lesson": studies["secret"].pk, "month": "2000-01-01"}
    )
    assert refused.status_code == 400
    assert "Choose a case study" in refused.content.decode()
    response = client.post(
        "/impact/showcase/nominate/",
        {"lesson": studies["older"].pk, "month": THIS_MONTH.isoformat(), "reason": "Clear"},
    )
    assert response.status_code == 302
    nomination = CaseStudyNomination.objects.get()
    assert (nomination.lesson, nomination.month, nomination.nominated_by) == (
        studies["older"],
        THIS_MONTH,
        facilitator,
    )


def test_a_nomination_naming_no_case_study_is_refused_by_name(studies, client):
    client.force_login(make_member("south-west-km", "lead@example.nhs.uk", role="facilitator"))
    for sent in ("9" * 30, "-1", "x"):
        response = client.post(
            "/impact/showcase/nominate/", {"lesson": sent, "month": THIS_MONTH.isoformat()}
        )
        assert response.status_code == 400
        assert "Choose a case study" in response.content.decode()

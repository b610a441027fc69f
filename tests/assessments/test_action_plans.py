"""The action plan: one suggested action per gap, linked to peers' lessons; changing an action
(errors name the field); overdue actions stand out; its CSV and printable page; and "we applied
this" from a done action, recorded once by lessons' own rule."""

import csv
import datetime
import io

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from assessments.models import Action, ActionLesson
from lessons.models import Application, LessonPage
from tests.builders.assessments import add_unit, assessment, lead, make_organisation
from tests.builders.plans import at_level, plan_of

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def world(module_lessons, tmp_path_factory):
    module_lessons(
        at_level("peer-huddles", title="Peer huddles"),
        at_level("members-only-story", visibility="members", network="board-leads"),
        at_level("reaching-level-4", code="qiof-1", level=4, title="Reaching level 4"),
    )
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        riverside = make_organisation()
        directorate = add_unit(riverside)
        org_lead = lead(riverside, "lead@riverside.nhs.uk")
        closed = assessment(
            directorate, org_lead, codes=("qiof-1", "qiof-2", "qiof-3"), levels=(3, 2, 4)
        )
        closed.close(org_lead)
    return {"lead": org_lead, "closed": closed}


@pytest.fixture
def signed_in(client, world):
    client.force_login(world["lead"])
    return client


def _plan_url(world, name="plan", *args):
    return reverse(f"assessments:{name}", args=[world["closed"].pk, *args])


def test_a_plan_has_one_suggested_action_per_gap_linked_to_readable_peers_lessons(world):
    plan = plan_of(world["closed"], world["lead"])
    actions = list(plan.actions.all())
    assert [action.answer.dimension.code for action in actions] == ["qiof-1", "qiof-2"]
    assert actions[1].description.startswith("Reach level 3 on Outcome 2: ")
    assert [lesson.slug for lesson in actions[0].lessons.all()] == ["reaching-level-4"]
    assert [lesson.slug for lesson in actions[1].lessons.all()] == ["peer-huddles"]
    assert plan_of(world["closed"], world["lead"]) == plan  # made once


def test_making_the_plan_from_the_page(world, signed_in):
    assert "Make an action plan" in signed_in.get(_plan_url(world)).text
    response = signed_in.post(_plan_url(world), follow=True)
    assert "one suggested action for each gap" in response.text
    assert "Peer huddles" in response.text


def _action(world, code="qiof-2"):
    plan_of(world["closed"], world["lead"])
    return Action.objects.get(plan__assessment=world["closed"], answer__dimension__code=code)


def _form(**changes):
    data = {
        "description": "Minute every use of evidence at the Board",
        "owner": "Head of Library Services",
        "due_on_0": str(YESTERDAY.day),
        "due_on_1": str(YESTERDAY.month),
        "due_on_2": str(YESTERDAY.year),
        "status": "in_progress",
    }
    data.update(changes)
    return data


def test_an_overdue_action_stands_out_in_words_and_as_a_tag(world, signed_in):
    action = _action(world)
    url = _plan_url(world, "action", action.pk)
    assert signed_in.post(url, _form()).status_code == 302
    page = signed_in.get(_plan_url(world)).text
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>' in page
    assert "1 overdue action" in page
    signed_in.post(url, _form(status="done"))
    assert "Overdue</strong>" not in signed_in.get(_plan_url(world)).text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": ""}, "Enter the action"),
        ({"due_on_1": "13"}, "The due date must be a real date"),
        ({"due_on_2": ""}, "The due date must include a year"),
        ({"status": "finished"}, "Select a valid choice"),
        ({"lessons": "99999999999999999999"}, "Select lessons from the list"),
    ],
)
def test_a_wrong_answer_names_its_field(world, signed_in, changes, message):
    action = _action(world)
    response = signed_in.post(_plan_url(world, "action", action.pk), _form(**changes))
    assert response.status_code == 200
    assert message in response.text


def test_the_csv_has_one_row_per_action_with_its_outcome_owner_due_date_and_status(
    world, signed_in
):
    action = _action(world)
    lesson = LessonPage.objects.get(slug="peer-huddles")
    signed_in.post(_plan_url(world, "action", action.pk), _form(lessons=lesson.pk))
    response = signed_in.get(_plan_url(world, "plan_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Outcome", "Action", "Owner", "Due date", "Status", "Overdue", "Lessons"]
    assert rows[1][0] == "QIOF Outcome 1"
    assert rows[2] == [
        "QIOF Outcome 2",
        "Minute every use of evidence at the Board",
        "Head of Library Services",
        YESTERDAY.isoformat(),
        "In progress",
        "Yes",
        "Peer huddles",
    ]
    assert len(rows) == 3


def test_a_lesson_the_reader_may_no_longer_read_leaves_the_plan_csv_and_page(world, signed_in):
    action = _action(world)
    secret = LessonPage.objects.get(slug="members-only-story")
    ActionLesson.objects.create(action=action, lesson=secret)
    assert "Members only story" not in signed_in.get(_plan_url(world, "plan_csv")).text
    assert "Members only story" not in signed_in.get(_plan_url(world)).text


def test_the_printable_page_has_the_plan_without_links_to_change_it(world, signed_in):
    action = _action(world)
    page = signed_in.get(_plan_url(world, "plan_print")).text
    assert "app-printable" in page
    assert "Reach level 3 on Outcome 2" in page
    assert _plan_url(world, "action", action.pk) not in page


def test_completing_an_action_offers_we_applied_this_and_records_it_once(world, signed_in):
    action = _action(world)
    lesson = LessonPage.objects.get(slug="peer-huddles")
    applied = _plan_url(world, "applied", action.pk, lesson.pk)
    assert signed_in.post(applied).status_code == 403  # not done yet
    assert applied not in signed_in.get(_plan_url(world)).text
    signed_in.post(_plan_url(world, "action", action.pk), _form(status="done", lessons=lesson.pk))
    assert applied in signed_in.get(_plan_url(world)).text
    for _ in range(3):
        assert signed_in.post(applied).status_code == 302
    [application] = Application.objects.filter(lesson=lesson)
    assert application.applier == world["lead"]
    assert (application.organisation_type, application.region) == ("acute_trust", "south_west")
    assert (application.setting, application.scale) == ("Medicine directorate", "department")
    assert application.what_we_did == "Minute every use of evidence at the Board"
    assert application.applied_on == timezone.localdate()
    assert ActionLesson.objects.get(action=action, lesson=lesson).application == application
    page = signed_in.get(_plan_url(world)).text
    assert applied not in page and "applied: recorded" in page


def test_the_same_lesson_from_two_actions_of_one_unit_is_one_application(world, signed_in):
    """One member, one lesson, one setting: lessons' rule, whichever action records it."""
    lesson = LessonPage.objects.get(slug="peer-huddles")
    for code in ("qiof-1", "qiof-2"):
        action = _action(world, code)
        signed_in.post(
            _plan_url(world, "action", action.pk), _form(status="done", lessons=lesson.pk)
        )
        signed_in.post(_plan_url(world, "applied", action.pk, lesson.pk))
    assert Application.objects.filter(lesson=lesson).count() == 1


def test_what_a_spreadsheet_would_read_as_a_formula_is_shown_as_typed(world, signed_in):
    action = _action(world)
    formula = '=HYPERLINK("https://example.org","Click")'
    signed_in.post(_plan_url(world, "action", action.pk), _form(description=formula, owner="@x"))
    rows = list(csv.reader(io.StringIO(signed_in.get(_plan_url(world, "plan_csv")).text)))
    assert rows[2][1:3] == ["'" + formula, "'@x"]


def test_we_applied_this_from_the_plan_counts_in_the_apply_rate_limit(world, signed_in, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "apply": "1/h/member"}
    presses = []
    for code, slug in (("qiof-1", "reaching-level-4"), ("qiof-2", "peer-huddles")):
        action = _action(world, code)
        lesson = LessonPage.objects.get(slug=slug)
        signed_in.post(
            _plan_url(world, "action", action.pk), _form(status="done", lessons=lesson.pk)
        )
        presses.append(signed_in.post(_plan_url(world, "applied", action.pk, lesson.pk)))
    assert presses[0].status_code == 302
    assert presses[1].status_code == 429
    assert "Retry-After" in presses[1]
    assert "Nothing was recorded this time" in presses[1].text
    assert Application.objects.count() == 1

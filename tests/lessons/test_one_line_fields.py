"""Control characters in one-line fields (issue 16, item 5): the forms refuse them with a
message naming the field, the importer turns them into spaces (lessons/v1 allows them), and an
email's subject never carries them, so the reviewers of an old title are still told."""

import io
import json

from django.core import mail
from django.core.management import call_command

import pytest

from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.lessons import document, lesson
from tests.builders.pages import errors_in
from tests.builders.sharing import in_review, people, shared, step, url

ONE_LINE = "Use one line, without line breaks, tabs or other control characters"


@pytest.fixture
def world(import_lessons):
    import_lessons(lesson())
    return people()


@pytest.fixture
def champion(world, client):
    client.force_login(world["champion"])
    return world["champion"]


def test_a_title_with_a_carriage_return_is_refused_naming_the_field(champion, client):
    response = client.post(
        "/lessons/share/", {"kind": "lesson", "title": "Ward\rhuddles", "summary": "What we did."}
    )
    assert response.status_code == 400
    assert errors_in(response) == [f"Title: {ONE_LINE}"]
    assert not LessonPage.objects.filter(owner=champion).exists()


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("context", {"setting": "inpatient\twards"}, f"Care or service setting: {ONE_LINE}"),
        (
            "team",
            {"member-count": "1", "member-1-role": "Ward\nsister"},
            "Role of team member 1 must be one line, without line breaks or tabs",
        ),
        (
            "evidence",
            {"link-count": "1", "link-1-title": "Report\x0b2025", "link-1-url": "https://x.org/"},
            "Title of evidence link 1 must be one line, without line breaks or tabs",
        ),
    ],
)
def test_one_line_fields_of_the_share_form_refuse_control_characters(
    champion, client, slug, data, message
):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(step(lesson, slug), data)
    assert response.status_code == 400
    assert message in errors_in(response)
    assert lesson.revisions.count() == revisions


def test_a_factors_statement_refuses_control_characters(champion, client):
    lesson = shared(champion, factor=False)
    response = client.post(
        url("share_factor", lesson, "new"),
        {
            "type": "barrier",
            "statement": "Pharmacy\r\ndelays",
            "why-count": "1",
            "why-1-text": "Late medicines",
        },
    )
    assert response.status_code == 400
    assert f"The factor as people first say it: {ONE_LINE}" in errors_in(response)


def test_the_importer_turns_control_characters_in_one_line_fields_into_spaces(site_tree, tmp_path):
    data = lesson(title="Daily\rdischarge\thuddles")
    data["context"]["setting"] = "inpatient\x85wards"
    data["context"]["team"][0]["role"] = "Ward\u2028sister"
    data["factors"][0]["statement"] = "Pharmacy\x0bdelays"
    data["evidence"] = [{"title": "Bed-state\nreport", "url": "https://example.org/report"}]
    network = {**document()["networks"][0], "title": "South West\rKM"}
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(document(data, networks=[network])))

    for summary in ("created 1, updated 0", "created 0, updated 0, unchanged 1"):
        out = io.StringIO()
        call_command("import_lessons", str(path), stdout=out, stderr=io.StringIO())
        assert out.getvalue().strip().splitlines()[-1].startswith(summary)

    page = LessonPage.objects.get(slug=data["slug"])
    assert page.title == "Daily discharge huddles"
    assert page.setting == "inpatient wards"
    assert page.team_members.first().role == "Ward sister"
    assert page.factors[0].value["statement"] == "Pharmacy delays"
    assert page.evidence[0].value["title"] == "Bed-state report"
    assert NetworkPage.objects.get(slug=network["slug"]).title == "South West KM"


def test_reviewers_are_emailed_about_a_title_saved_with_a_carriage_return_before(
    world, django_capture_on_commit_callbacks
):
    lesson_page = in_review(
        world["champion"], django_capture_on_commit_callbacks, title="Ward\rhuddles"
    )
    assert lesson_page.pk
    subjects = [message.subject for message in mail.outbox]
    assert subjects and set(subjects) == {"Please review “Ward huddles”"}

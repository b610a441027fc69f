"""The guided form's Back link keeps what was typed (NHS.UK: going back loses nothing): it saves
the step as "Save and continue" would, or, when the step cannot be saved yet, keeps it and shows
it again, as typed, when the step is next opened. The error summary is the first thing in the
main content, before the introduction."""

import pytest

from lessons.models import LessonPage
from tests.builders.lessons import lesson
from tests.builders.pages import errors_in
from tests.builders.sharing import people, shared, step, url


@pytest.fixture
def champion(import_lessons, client):
    import_lessons(lesson())
    champion = people()["champion"]
    client.force_login(champion)
    return champion


def latest(lesson):
    return LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()


def test_back_is_a_button_of_the_steps_form_after_a_hidden_save_and_continue(champion, client):
    html = client.get(step(shared(champion), "context")).content.decode()
    enter, back = (
        '<button type="submit" form="step-form" name="then" value="next" hidden tabindex="-1">',
        '<button class="nhsuk-back-link" type="submit" form="step-form" name="then" '
        'value="back">Back</button>',
    )
    assert enter in html and back in html
    assert html.index(enter) < html.index(back) < html.index('<form method="post" id="step-form"')


def test_back_saves_what_was_typed_and_goes_to_the_step_before(champion, client):
    lesson = shared(champion)
    response = client.post(step(lesson, "context"), {"setting": "GP practices", "then": "back"})
    assert response.status_code == 302 and response["Location"] == step(lesson, "story")
    assert latest(lesson).setting == "GP practices"


def test_back_keeps_what_cannot_be_saved_yet_and_shows_it_once_as_typed(champion, client):
    lesson = shared(champion)
    typed = {
        "setting": "District nursing teams",
        "date_0": "31",
        "date_1": "2",
        "date_2": "2025",
        "then": "back",
    }
    response = client.post(step(lesson, "context"), typed)
    assert response["Location"] == step(lesson, "story")
    assert latest(lesson).setting != "District nursing teams"  # not saved: the date is wrong
    story = client.get(response["Location"]).content.decode()
    assert "What you typed on “Context” is kept but not saved yet" in story

    again = client.get(step(lesson, "context"))
    assert again.status_code == 200
    html = again.content.decode()
    assert 'value="District nursing teams"' in html
    assert 'name="date_0" type="text" inputmode="numeric" value="31"' in html
    assert errors_in(again) == [
        "When did the work happen? must be a real date, for example 15 3 2025"
    ]
    # Shown once: from then on the page holds it.
    assert "District nursing teams" not in client.get(step(lesson, "context")).content.decode()


def test_back_from_the_first_step_keeps_a_lesson_not_started_yet(champion, client):
    typed = {
        "kind": "after_action_review",
        "title": "",
        "summary": "Half a thought",
        "then": "back",
    }
    response = client.post("/lessons/share/", typed)
    assert response["Location"] == "/members/me/lessons/"
    assert not LessonPage.objects.filter(owner=champion).exists()
    html = client.get("/lessons/share/").content.decode()
    assert "Half a thought" in html


def test_back_from_a_factor_keeps_its_whys(champion, client):
    lesson = shared(champion, factor=False)
    new_factor = url("share_factor", lesson, "new")
    typed = {"root_cause": "Nobody had time", "why-count": "1", "why-0-text": "", "then": "back"}
    response = client.post(new_factor, typed)  # no statement yet: it cannot be saved
    assert response["Location"] == step(lesson, "factors")
    assert "Nobody had time" in client.get(new_factor).content.decode()


def test_the_first_steps_error_summary_comes_before_its_introduction(champion, client):
    response = client.post("/lessons/share/", {"kind": "after_action_review"})
    assert response.status_code == 400
    html = response.content.decode()
    main = html[html.index('<main class="nhsuk-main-wrapper"') :]
    summary = main.index('class="nhsuk-error-summary"')
    assert summary < main.index("<h1>") < main.index("Tell other teams what you learned")
    assert main.count('class="nhsuk-error-summary"') == 1

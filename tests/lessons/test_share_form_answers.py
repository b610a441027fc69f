"""The share form keeps every answer: its network question has nothing chosen until the
champion answers it (so nobody sends a lesson to the wrong reviewers by skipping it), and no
button of the maturity step drops the outcome chosen."""

import re

from django.urls import reverse

import pytest

from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.pages import errors_in
from tests.builders.sharing import people, step, url


@pytest.fixture
def champion(import_lessons, client):
    import_lessons(lesson())
    champion = people()["champion"]
    client.force_login(champion)
    return champion


def _started(client, **query):
    address = reverse("lessons:share") + (f"?network={query['network']}" if query else "")
    response = client.post(
        address,
        {
            "kind": "lesson",
            "title": "Protected time for evidence huddles",
            "summary": "Fifteen protected minutes made the huddle a habit.",
            **query,
        },
    )
    assert response.status_code == 302
    return LessonPage.objects.get(title="Protected time for evidence huddles")


def _checked_networks(html):
    return re.findall(r'name="network" type="radio" value="([^"]+)" checked', html)


def _with_a_factor(client, lesson):
    client.post(
        url("share_factor", lesson, "new"),
        {"type": "success_factor", "statement": "Time", "why-count": "1", "why-1-text": "It was"},
    )


def test_the_network_question_has_nothing_chosen_until_it_is_answered(champion, client):
    lesson = _started(client)
    assert _checked_networks(client.get(step(lesson, "network")).content.decode()) == []
    response = client.post(step(lesson, "network"), {"visibility": "public"})
    assert response.status_code == 400
    assert errors_in(response) == ["Select a network, or the whole site"]
    client.post(step(lesson, "network"), {"network": "site", "visibility": "public"})
    assert _checked_networks(client.get(step(lesson, "network")).content.decode()) == ["site"]


def test_a_lesson_whose_network_question_was_skipped_cannot_be_sent(champion, client):
    lesson = _started(client)
    _with_a_factor(client, lesson)
    html = client.get(url("share_check", lesson)).content.decode()
    assert "Not answered yet" in html
    assert "Choose who reviews your lesson: a network or the whole site" in html
    response = client.post(url("share_submit", lesson))
    assert response["Location"] == url("share_check", lesson)
    assert status_of(LessonPage.objects.get(pk=lesson.pk))[0] == Status.DRAFT

    network = NetworkPage.objects.get(slug="south-west-km")
    client.post(step(lesson, "network"), {"network": network.pk, "visibility": "public"})
    response = client.post(url("share_submit", lesson))
    assert response["Location"] == url("share_sent", lesson)


def test_a_networks_invitation_to_share_answers_the_question(champion, client):
    lesson = _started(client, network="south-west-km")
    network = NetworkPage.objects.get(slug="south-west-km")
    html = client.get(step(lesson, "network")).content.decode()
    assert _checked_networks(html) == [str(network.pk)]


@pytest.mark.parametrize("then", ["next", "check", "level"])
def test_every_button_of_the_maturity_step_keeps_the_outcome_chosen(champion, client, then):
    lesson = _started(client)
    html = client.get(step(lesson, "maturity")).content.decode()
    # One form holds the outcome and every button that goes on.
    form = html.split('name="outcome"', 1)[1].split("</form>", 1)[0]
    assert f'name="then" value="{then}"' in form and html.count(f'value="{then}"') == 1
    response = client.post(step(lesson, "maturity"), {"outcome": "qiof-2", "then": then})
    assert response["Location"] == url("share_level", lesson, "qiof-2")


def test_without_an_outcome_continue_and_check_go_on_and_choose_its_level_asks_for_one(
    champion, client
):
    lesson = _started(client)
    response = client.post(step(lesson, "maturity"), {"outcome": "", "then": "next"})
    assert response["Location"] == step(lesson, "themes")
    response = client.post(step(lesson, "maturity"), {"outcome": "", "then": "check"})
    assert response["Location"] == url("share_check", lesson)
    response = client.post(step(lesson, "maturity"), {"outcome": "", "then": "level"})
    assert response.status_code == 400
    assert errors_in(response) == ["Select a maturity outcome"]

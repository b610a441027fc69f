"""A member's own pages are one click from everywhere: "My lessons" and "Share a lesson" in the
header, and a signed-in home page that leads with their drafts, the lessons sent back to them,
what waits for their review and what is new in what they follow."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from following.models import Follow
from lessons.moderation.workflow import submit_for_review
from network.models import NetworkPage
from questions import posting
from tests.builders.lessons import lesson
from tests.builders.pages import text_of
from tests.builders.sharing import approve, people, shared

# A signed-in champion's home page, measured: 30 queries (sign-in, the page, the case study of
# the month, its lessons, their own lessons by status, reviews, what is new in what they follow,
# the asks for lessons and the questions in the networks they follow, and whether Wagtail's
# privacy setting hides the page, for its metadata).
HOME_PAGE_QUERIES = 30


@pytest.fixture
def everyone(import_lessons):
    import_lessons(lesson(title="Daily discharge huddles"))
    return people()


def _header(response):
    html = response.content.decode()
    return html.split("</header>", 1)[0]


def test_signed_in_members_have_my_lessons_and_share_a_lesson_in_the_header(client, everyone):
    client.force_login(everyone["member"])
    for address in ("/", reverse("network:directory"), reverse("search:search")):
        header = _header(client.get(address))
        assert f'href="{reverse("lessons:my_lessons")}"' in header
        assert f'href="{reverse("lessons:share")}"' in header
        assert ">My lessons<" in header and ">Share a lesson<" in header


def test_people_not_signed_in_have_neither_in_the_header(client, everyone):
    header = _header(client.get("/"))
    assert ">My lessons<" not in header and ">Share a lesson<" not in header


def test_the_home_page_leads_with_a_champions_drafts_and_lessons_sent_back(
    client, everyone, django_capture_on_commit_callbacks
):
    champion = everyone["champion"]
    draft = shared(champion, title="Huddles not yet sent")
    sent_back = shared(champion, title="Huddles sent back")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(sent_back, champion)
    state = sent_back.current_workflow_state.current_task_state
    state.task.specific.on_action(state, everyone["facilitator"], "reject", comment="Add dates")
    client.force_login(champion)
    html = client.get("/").content.decode()
    text = text_of(client.get("/"))
    # Before the site's own sections.
    assert text.index("Your lessons") < text.index("Lessons learned")
    assert "Huddles not yet sent" in text and "Huddles sent back" in text and "Add dates" in text
    assert reverse("lessons:share_check", args=[draft.pk]) in html
    assert reverse("lessons:share_check", args=[sent_back.pk]) in html
    assert "Waiting for your review" not in text  # not a reviewer


def test_a_facilitators_home_page_lists_what_waits_for_their_review(
    client, everyone, django_capture_on_commit_callbacks
):
    waiting = shared(everyone["champion"], title="Huddles waiting")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(waiting, everyone["champion"])
    client.force_login(everyone["facilitator"])
    response = client.get("/")
    assert "Waiting for your review" in text_of(response)
    assert reverse("lessons:review", args=[waiting.pk]) in response.content.decode()
    client.force_login(everyone["other_facilitator"])
    text = text_of(client.get("/"))
    assert "Nothing is waiting for your review" in text and "Huddles waiting" not in text


def test_nobody_sees_anyone_elses_drafts_on_their_home_page(client, everyone):
    shared(everyone["champion"], title="Huddles not yet sent")
    for person in ("member", "facilitator", "editor"):
        client.force_login(everyone[person])
        assert "Huddles not yet sent" not in text_of(client.get("/"))
    client.logout()
    assert "Huddles not yet sent" not in text_of(client.get("/"))


def test_the_home_page_shows_what_is_new_in_what_a_member_follows(
    client, everyone, django_capture_on_commit_callbacks
):
    member = everyone["member"]
    Follow.start(member, "network", NetworkPage.objects.get(slug="south-west-km"))
    published = shared(everyone["champion"], title="Huddles everyone can read")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(published, everyone["champion"])
    approve(published, everyone["facilitator"])
    client.force_login(member)
    text = text_of(client.get("/"))
    news = text[text.index("New in what you follow") :]
    assert re.search(r"Huddles everyone can read · Lesson, because you follow", news)


def test_a_members_home_page_costs_the_same_however_many_drafts_they_have(client, everyone):
    champion = everyone["champion"]
    Follow.start(champion, "network", NetworkPage.objects.get(slug="south-west-km"))
    shared(champion, title="Huddles one")
    client.force_login(champion)
    client.get("/")  # caches warmed
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for n in range(4):
        shared(champion, title=f"Huddles more {n}")
    with CaptureQueriesContext(connection) as five:
        client.get("/")
    assert len(five) == len(one) <= HOME_PAGE_QUERIES


def test_a_new_answer_to_a_question_they_asked_is_news_with_its_own_address(client, everyone):
    member = everyone["member"]
    question = posting.ask(member, title="Who chairs huddles?", body="At weekends.")
    answer = posting.answer(question, everyone["facilitator"], "The site manager.")
    client.force_login(member)
    html = client.get("/").content.decode()
    news = html[html.index("New in what you follow") :]
    assert f'href="/questions/{question.pk}/#answer-{answer.pk}"' in news
    assert "An answer to “Who chairs huddles?”" in news

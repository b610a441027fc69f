"""Asking, answering and marking through the site: before posting, the lessons and questions
most like the question are shown; answers link lessons; the asker marks the one that helped,
others mark answers useful once; posts are plain text with http(s) links only."""

import pytest

from core.models import ThesaurusEntry
from lessons.models import LessonPage
from questions import posting
from questions.models import Question, UsefulMark
from questions.text import as_html
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile
from tests.builders.questions import ask, people


@pytest.fixture(scope="module")
def site(module_lessons, django_db_blocker):
    with django_db_blocker.unblock():
        module_lessons(lesson())
        return people()


def test_before_posting_the_lessons_and_questions_most_like_it_are_shown(site, client):
    earlier = ask(site["facilitator"], title="Consultants at discharge huddles")
    client.force_login(site["member"])
    data = {"title": "How do we run discharge huddles?", "body": "On two wards."}
    response = client.post("/questions/ask/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Before you post" in html
    assert "Daily discharge huddles" in html  # the lesson, by the similar-context ranking
    assert f'href="{earlier.get_absolute_url()}"' in html
    assert not Question.objects.filter(title=data["title"]).exists()
    posted = client.post("/questions/ask/", {**data, "post": "1"})
    question = Question.objects.get(title=data["title"])
    assert posted["Location"] == question.get_absolute_url()
    assert question.network is None and question.author == site["member"]


def test_the_thesaurus_finds_questions_by_synonym(site, client):
    ThesaurusEntry.objects.create(terms="A&E, emergency department", source="NHS.UK")
    ask(site["member"], title="Waits in the emergency department")
    html = client.get("/questions/", {"q": "A&E"}).content.decode()
    assert "Waits in the emergency department" in html


def test_a_member_may_ask_only_networks_they_belong_to(site, client):
    outsider = make_user("nobody@example.nhs.uk")
    client.force_login(outsider)
    network = ask(site["member"], "members").network
    response = client.post(
        "/questions/ask/", {"title": "Let me in?", "body": "x", "network": network.pk, "post": "1"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Question.objects.filter(title="Let me in?").exists()


def test_an_answer_links_a_lesson_and_the_asker_marks_it_helpful(site, client):
    question = ask(site["member"])
    huddles = LessonPage.objects.get(slug="discharge-huddles")
    client.force_login(site["facilitator"])
    response = client.post(
        f"/questions/{question.pk}/answer/", {"body": "Read this.", "lesson": huddles.pk}
    )
    reply = question.answers.get()
    assert response["Location"] == reply.get_absolute_url()
    assert list(reply.lessons.all()) == [huddles]
    page = client.get(question.get_absolute_url()).content.decode()
    assert f'href="{huddles.url}"' in page
    refused = client.post(f"/questions/{question.pk}/answers/{reply.pk}/helpful/")
    assert refused.status_code == 403
    client.force_login(site["member"])
    client.post(f"/questions/{question.pk}/answers/{reply.pk}/helpful/")
    question.refresh_from_db()
    assert question.helpful_answer == reply
    assert "Helped the person who asked" in client.get(question.get_absolute_url()).content.decode()


def test_others_mark_an_answer_useful_once_and_never_their_own(site, client):
    question = ask(site["member"])
    reply = posting.answer(question, site["facilitator"], "Try this.")
    reader = make_user("reader@example.nhs.uk")
    client.force_login(reader)
    for _ in range(2):
        client.post(f"/questions/{question.pk}/answers/{reply.pk}/useful/")
    assert UsefulMark.objects.filter(answer=reply).count() == 1
    client.force_login(site["facilitator"])
    own = client.post(f"/questions/{question.pk}/answers/{reply.pk}/useful/")
    assert own.status_code == 403


def test_posts_are_text_with_http_links_only():
    html = as_html(
        "See https://example.org/a?b=1, <b>bold</b>\n\njavascript:alert(1) data:text/html,x"
    )
    assert (
        '<a href="https://example.org/a?b=1" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1</a>," in html
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert html.count("<a ") == 1
    assert html.count("<p>") == 2


def test_an_answer_names_only_people_whose_profiles_the_answerer_may_see(site):
    question = ask(site["member"])
    private = make_profile(make_user("private@example.nhs.uk"), visibility="private")
    public = make_profile(make_user("public@example.nhs.uk"), visibility="everyone")
    reply = posting.answer(question, site["facilitator"], "Ask them.", people=[private, public])
    assert list(reply.people.all()) == [public]

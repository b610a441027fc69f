"""Asking the network, in a real browser with axe on every page: a member asks and sees a
similar lesson before posting; another answers with a link to that lesson; the asker marks it
helpful; the answerer turns it into a lesson draft; a facilitator hides a comment on the
lesson, and an anonymous reader of the lesson page, served from the cache of whole pages until
then, no longer sees it."""

import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from questions.models import Question
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "How do we get consultants to discharge huddles?"


def test_a_question_is_asked_answered_marked_and_turned_into_a_lesson(
    page, live_server, assert_accessible, settings
):
    settings.PAGE_CACHE_SECONDS = 600  # visitors' pages kept whole, as in production
    ensure_site_tree()
    import_lessons(document(lesson()))
    make_member("south-west-km", "asker@example.nhs.uk")
    make_member("south-west-km", "answerer@example.nhs.uk")
    make_member("south-west-km", "fay@example.nhs.uk", role="facilitator")

    sign_in(page, "asker@example.nhs.uk", next_url="/questions/ask/")
    assert_accessible(page)
    page.get_by_label("Your question, in a sentence").fill(TITLE)
    page.get_by_label("More detail").fill("They stop coming after two weeks.")
    page.get_by_label("Who to ask").select_option(label="South West KM Network")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Before you post"))).to_be_visible()
    expect(page.get_by_role("link", name="Daily discharge huddles")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    question_url = page.url
    page.context.clear_cookies()

    sign_in(page, "answerer@example.nhs.uk", next_url=question_url)
    page.get_by_label("Your answer").fill("Bring one evidence summary to each huddle.")
    page.get_by_label("Link a lesson (optional)").select_option(label="Daily discharge huddles")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_role("link", name="Daily discharge huddles").last).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, "asker@example.nhs.uk", next_url=question_url)
    page.get_by_role("button", name=re.compile("This answer helped me")).click()
    expect(page.get_by_text("Helped the person who asked")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, "answerer@example.nhs.uk", next_url=question_url)
    page.get_by_role("button", name="Turn your answer into a lesson").click()
    expect(page).to_have_url(re.compile(r"/lessons/share/\d+/about/$"))
    assert_accessible(page)
    draft = LessonPage.objects.get(title=TITLE)
    assert draft.owner.email == "answerer@example.nhs.uk"
    assert Question.objects.get().helpful_answer.lesson_draft == draft

    huddles = LessonPage.objects.get(slug="discharge-huddles")
    page.goto(huddles.url)
    page.get_by_label("Your comment or question to the authors").fill("Buy cheap pills here")
    page.get_by_role("button", name="Post your comment").click()
    expect(page.get_by_text("Buy cheap pills here")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    page.goto(huddles.url)
    expect(page.get_by_text("Buy cheap pills here")).to_be_visible()
    assert page.goto(huddles.url).header_value("X-Page-Cache") == "hit"

    sign_in(page, "fay@example.nhs.uk", next_url=huddles.url)
    page.get_by_role("link", name="Hide this comment").click()
    assert_accessible(page)
    page.get_by_label("Reason").fill("Advertising")
    page.get_by_role("button", name="Hide it").click()
    expect(page.get_by_text("The reason given: Advertising")).to_be_visible()
    page.context.clear_cookies()
    assert page.goto(huddles.url).header_value("X-Page-Cache") == "miss"
    expect(
        page.get_by_role("heading", name="Comments and questions to the authors")
    ).to_be_visible()
    expect(page.get_by_text("Buy cheap pills here")).to_have_count(0)
    assert_accessible(page)

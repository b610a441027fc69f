"""A co-author finds the draft a colleague started with them in My lessons, changes its
summary and sends it for review; the champion added them from the check page. axe checks
every page on the way."""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member
from tests.builders.sharing import people, shared

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Huddles written together"


def test_a_co_author_edits_and_submits_a_draft(page, live_server, assert_accessible):
    ensure_site_tree()
    import_lessons(document(lesson()))
    everyone = people()
    make_member("south-west-km", "co-author@example.nhs.uk")
    draft = shared(everyone["champion"], title=TITLE)

    sign_in(
        page, "champion@example.nhs.uk", next_url=reverse("lessons:share_check", args=[draft.pk])
    )
    page.get_by_role("link", name="Add or remove co-authors").click()
    assert_accessible(page)
    page.get_by_label("Email address of the co-author").fill("nobody@example.nhs.uk")
    page.get_by_role("button", name="Add co-author").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Email address of the co-author").fill("co-author@example.nhs.uk")
    page.get_by_role("button", name="Add co-author").click()
    expect(page.get_by_text("co-author@example.nhs.uk is now a co-author")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, "co-author@example.nhs.uk", next_url=reverse("lessons:my_lessons"))
    page.get_by_role("link", name=re.compile(rf"^Continue\W+{TITLE}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert_accessible(page)
    page.get_by_role("link", name="Change summary").click()
    page.get_by_label("Summary").fill("Fifteen protected minutes, written by two of us.")
    page.get_by_role("button", name="Save and go back to check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("Fifteen protected minutes, written by two of us.")).to_be_visible()
    page.get_by_role("button", name="Send for review").click()
    assert_accessible(page)
    assert status_of(LessonPage.objects.get(pk=draft.pk))[0] == Status.IN_REVIEW

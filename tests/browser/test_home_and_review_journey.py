"""A champion finds their own work from anywhere, and a facilitator reviews on the site.

A champion resumes a draft from the header in two clicks (one from the home page). A
facilitator reviews from /members/me/reviews/, sees exactly the three changes a resubmission
made, and approves it without ever opening /admin/; a site editor then finds the decision in
the admin's workflow history. axe checks every page on the way."""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from lessons.moderation.workflow import ASK_FOR_CHANGES, decide, submit_for_review
from tests.builders.accounts import make_site_editor
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.sharing import (
    people,
    resubmitted_with_three_changes,
    shared,
    with_two_of_each,
)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Protected time for evidence huddles"


@pytest.fixture
def everyone():
    ensure_site_tree()
    import_lessons(document(lesson()))
    found = people()
    found["site_editor"] = make_site_editor("site-editor@example.nhs.uk")
    return found


COUNT_CLICKS = (
    "document.addEventListener('click', "
    "() => { sessionStorage.clicks = (+sessionStorage.clicks || 0) + 1 }, true)"
)


def count_clicks(page):
    """Count every click the person makes from now on, across pages (in the tab's storage)."""
    page.context.add_init_script(COUNT_CLICKS)
    page.evaluate(COUNT_CLICKS)
    page.evaluate("sessionStorage.clicks = 0")


def clicks(page):
    return page.evaluate("+sessionStorage.clicks || 0")


def test_a_champion_resumes_a_draft_from_the_header_in_two_clicks(
    everyone, page, live_server, assert_accessible
):
    draft = shared(everyone["champion"], title=TITLE)
    sign_in(page, "champion@example.nhs.uk", next_url=reverse("network:directory"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("people", re.I))
    count_clicks(page)

    page.get_by_role("navigation", name="Account").get_by_role("link", name="My lessons").click()
    expect(page.get_by_role("heading", name="Drafts")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"^Continue\W+{TITLE}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert page.url.endswith(reverse("lessons:share_check", args=[draft.pk]))
    assert clicks(page) == 2
    assert_accessible(page)

    # From the home page it is one click: the draft leads the page.
    page.goto("/")
    assert_accessible(page)
    page.evaluate("sessionStorage.clicks = 0")
    page.get_by_role("link", name=re.compile(rf"^{TITLE}\W+continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert clicks(page) == 1


def test_a_facilitator_reviews_a_resubmission_on_the_site_and_approves_it(
    everyone, page, other_page, live_server, assert_accessible
):
    champion, facilitator = everyone["champion"], everyone["facilitator"]
    lesson_in_review = shared(champion, title=TITLE, **with_two_of_each())
    submit_for_review(lesson_in_review, champion)
    decide(lesson_in_review, facilitator, ASK_FOR_CHANGES, "Add the newer survey results.")
    resubmitted = resubmitted_with_three_changes(champion, lesson_in_review)

    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    sign_in(page, "facilitator@example.nhs.uk", next_url=reverse("lessons:reviews"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews")
    assert_accessible(page)
    count_clicks(page)

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("3 changes since it was last sent for review")).to_be_visible()
    changes = page.locator(".app-changes li")
    expect(changes).to_have_count(3)
    expect(changes.nth(0)).to_contain_text("Team member 2 (Pharmacist): years of experience")
    expect(changes.nth(1)).to_contain_text("Success factor “Protected time”, why 2 changed")
    expect(changes.nth(2)).to_contain_text("https://example.org/survey-2025")
    expect(page.get_by_text("Add the newer survey results.")).to_be_visible()
    assert_accessible(page)

    # Asking for changes without a comment is an error that names the field.
    page.get_by_role("button", name="Ask for changes").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter what needs to change")
    assert_accessible(page)

    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text(f"“{TITLE}” is published.")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for your review.")).to_be_visible()
    assert_accessible(page)
    assert clicks(page) == 3  # the lesson, the error on purpose, approve
    assert not [url for url in visited if "/admin/" in url]
    published = LessonPage.objects.get(pk=resubmitted.pk)
    assert published.live and not published.has_unpublished_changes

    # The decision is the admin's own: a site editor finds it in the workflow history.
    sign_in(other_page, "site-editor@example.nhs.uk", next_url="/")
    state = published.workflow_states.get()
    other_page.goto(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[published.pk, state.pk])
    )
    expect(other_page.get_by_text("Approved").first).to_be_visible()
    expect(other_page.get_by_text(str(facilitator)).first).to_be_visible()

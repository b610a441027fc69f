"""A facilitator works through their network's searches that found nothing: from the card on
the network page to the queue, proposes what answers one (the form's errors first), asks for a
lesson, and finds the ask on the network page. axe checks every page."""

import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from network.models import NetworkPage
from search.models import MemberSearch
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.sharing import people

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_facilitator_answers_a_search_asks_for_a_lesson_and_withdraws_it(
    page, live_server, assert_accessible
):
    ensure_site_tree()
    import_lessons(document(lesson()))
    people()
    network = NetworkPage.objects.get(slug="south-west-km")
    for searcher in ("a", "b", "c"):
        MemberSearch.objects.create(
            network=network,
            query="telepathy",
            day=timezone.localdate(),
            searcher=searcher,
            searches=1,
            without_results=1,
        )

    sign_in(page, "facilitator@example.nhs.uk", next_url=network.url)
    card = page.locator(".nhsuk-card", has_text="For facilitators")
    card.get_by_role("link", name="1 search that found nothing: answer it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Searches that found nothing in South West KM Network"
    )
    expect(page.get_by_role("heading", name="“telepathy”")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("This is answered by")).click()
    page.get_by_role("button", name="Send to the site editors").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose what answers this search")
    assert_accessible(page)
    page.get_by_label("Other words for the same thing").check()
    page.get_by_label("Other words for it").fill("mind reading")
    page.get_by_role("button", name="Send to the site editors").click()
    expect(page.get_by_text("Waiting for site editors")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Ask for a lesson")).click()
    expect(page.get_by_text("A lesson was asked for on")).to_be_visible()
    page.get_by_role("link", name="Back to South West KM Network").click()
    asks = page.locator("#lessons-asked-for")
    expect(asks).to_contain_text("“telepathy”")
    assert_accessible(page)

    asks.get_by_role("button", name="Withdraw the ask for a lesson on “telepathy”").click()
    expect(page.get_by_text("is withdrawn")).to_be_visible()
    expect(page.locator("#lessons-asked-for")).to_have_count(0)
    assert_accessible(page)

"""A facilitator's network page: the card shows what waits for their review and leads to the
network's search insights; the maturity review form starts from the last review and refuses
an untouched submit; outcome measures are charted with a table. axe checks every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.moderation.workflow import submit_for_review
from maturity.models import Dimension
from network.models import NetworkPage, NetworkReview, OutcomeMeasure, ReviewScore
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.sharing import people, shared

pytestmark = pytest.mark.django_db(transaction=True)


def reviewed(network, date, level, members):
    review = NetworkReview(network=network, date=date)
    review.scores = [
        ReviewScore(dimension=d, current_level=level, target_level=level + 1)
        for d in Dimension.objects.filter(framework__slug="nmm")
    ]
    review.measures = [OutcomeMeasure(name="active members", value=members, date=date)]
    review.save()


def test_a_facilitator_finds_reviews_insights_and_maturity_on_the_network_page(
    page, live_server, assert_accessible
):
    ensure_site_tree()
    import_lessons(document(lesson()))
    everyone = people()
    draft = shared(everyone["champion"], title="Huddles waiting for review")
    submit_for_review(draft, everyone["champion"])
    network = NetworkPage.objects.get(slug="south-west-km")
    reviewed(network, datetime.date(2025, 3, 1), 1, 12)
    reviewed(network, datetime.date(2026, 3, 1), 2, 40)

    sign_in(page, "facilitator@example.nhs.uk", next_url=network.url)
    card = page.locator(".nhsuk-card", has_text="For facilitators")
    expect(card).to_contain_text("Waiting for review")
    expect(card.get_by_role("link", name=re.compile("Huddles waiting for review"))).to_be_visible()
    expect(page.locator("svg.app-measure-chart")).to_have_count(1)
    expect(page.locator("table.app-measure-table")).to_contain_text("40")
    assert_accessible(page)

    card.get_by_role("link", name="Searches by members of this network").click()
    expect(page.get_by_role("heading", name="Members of South West KM Network")).to_be_visible()
    assert_accessible(page)

    page.goto(network.url)
    page.get_by_role("link", name="Record a maturity review").click()
    expect(page.locator("select").first).to_have_value("2")
    page.get_by_role("button", name="Record review").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Nothing changed since the review of 1 March 2026"
    )
    assert_accessible(page)

"""A champion shares a case study with impact figures and a source through the guided form; once
it is published, /impact/ shows the figures, and its charts show what its tables say. axe checks
the impact step (with its errors and without) and the impact page."""

import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from network.models import Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "A standing evidence search for the guideline group"


@pytest.fixture
def champion():
    ensure_site_tree()
    import_lessons(document(lesson()))  # a lesson, not a case study: not in the totals
    network = NetworkPage.objects.get(slug="south-west-km")
    Membership.objects.create(network=network, user=make_user("champion@example.nhs.uk"))


def read_rows(page, selector, value_selector):
    """{row: {figure: text}} from the rows `selector` finds."""
    rows = {}
    for row in page.locator(selector).all():
        name = row.get_attribute("data-row")
        for cell in row.locator(value_selector).all():
            figure = cell.get_attribute("data-figure") or row.get_attribute("data-figure")
            rows.setdefault(name, {})[figure] = cell.inner_text().strip()
    return rows


def test_a_champion_shares_a_case_study_with_impact_and_it_adds_up(
    champion, page, assert_accessible
):
    sign_in(page, "champion@example.nhs.uk", "/lessons/share/")
    page.get_by_label("Case study").check()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Summary").fill("Every guideline now starts from a documented search.")
    page.get_by_role("button", name=re.compile("^Save and continue")).click()
    lesson_id = re.search(r"/lessons/share/(\d+)/", page.url).group(1)

    page.goto(f"/lessons/share/{lesson_id}/impact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What impact did it have?")
    assert_accessible(page)
    page.get_by_label("Patients", exact=True).check()
    page.get_by_role("checkbox", name="Time saved").check()
    page.get_by_label("Hours of staff time saved").fill("180.5")
    page.get_by_label("Money saved (£)").fill("9,000")
    page.get_by_label("Decisions informed").fill("twenty")
    page.get_by_label("Impact vignette").fill("Clinicians got back 180 hours of searching.")
    page.get_by_label("Title").fill("Guideline group annual report")
    page.get_by_label("Address").fill("https://example.nhs.uk/guideline-report")
    page.get_by_role("button", name=re.compile("^Save and continue")).click()

    # The error names the field, takes the focus, and passes axe.
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Decisions informed must be a whole number")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Decisions informed").fill("28")
    page.get_by_role("button", name=re.compile("^Save and continue")).click()
    expect(page).not_to_have_url(re.compile(r"/impact/$"))

    # A reviewer approves it (the review journey is tested in test_sharing_journey.py).
    shared = LessonPage.objects.get(title=TITLE)
    shared.get_latest_revision().publish()

    page.goto("/impact/")
    assert_accessible(page)
    totals = page.locator("[data-totals]")
    expect(totals.locator('[data-figure="count"]')).to_have_text("1")
    expect(totals.locator('[data-figure="hours_saved"]')).to_have_text("180.5")
    expect(totals.locator('[data-figure="money_saved_gbp"]')).to_have_text("£9,000")
    expect(totals.locator('[data-figure="decisions_informed"]')).to_have_text("28")
    for breakdown in ("year", "region", "organisation_type", "dimension", "network"):
        table = read_rows(page, f'[data-table="{breakdown}"] tr[data-row]', "td")
        chart = read_rows(page, f'[data-chart="{breakdown}"] [data-row]', ".app-bar-chart__value")
        without_count = {
            row: {k: v for k, v in figures.items() if k != "count"}
            for row, figures in table.items()
        }
        assert chart == without_count, breakdown
        assert table["Not recorded"]["hours_saved"] == "180.5", breakdown

"""Pages on a phone (375 CSS pixels wide): what comes first, what is offered, what is legible.
Every page is checked with axe, and no page load reaches beyond the live server."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from home.site_tree import import_lessons
from maturity.models import Dimension
from network.models import EventPage, NetworkPage, NetworkReview, ReviewScore
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)


def top(locator):
    return locator.bounding_box()["y"]


def test_a_lessons_context_and_team_come_before_its_story(phone, page, assert_accessible):
    import_lessons(document(lesson()))

    phone.goto("/lessons/discharge-huddles/")
    summary = phone.get_by_text("Ten-minute huddles at 9am")
    context = phone.get_by_role("heading", name="Context", exact=True)
    team = phone.get_by_role("heading", name="The team")
    story = phone.get_by_role("heading", name="What we set out to do")
    assert top(summary) < top(context) < top(team) < top(story)
    assert top(context) < 2 * 740  # within two screens, not 4,700 pixels down
    assert_accessible(phone)

    # From tablet width up the context is a column beside the summary and the story.
    page.goto("/lessons/discharge-huddles/")
    context = page.get_by_role("heading", name="Context", exact=True)
    story = page.get_by_role("heading", name="What we set out to do")
    assert context.bounding_box()["x"] > story.bounding_box()["x"] + 400
    assert top(context) < top(story)
    assert_accessible(page)


def test_a_past_event_offers_no_calendar_file(phone, assert_accessible):
    import_lessons(document(lesson()))
    network = NetworkPage.objects.get(slug="south-west-km")
    start = datetime.datetime(2025, 1, 15, 10, tzinfo=datetime.UTC)
    event = EventPage(
        title="Winter NetWorkout",
        slug="winter-networkout",
        start=start,
        end=start + datetime.timedelta(hours=1),
        audience="anyone leading a network",
        description="What we learned from a hard winter.",
        recording_url="https://example.org/recording",
    )
    network.add_child(instance=event)
    event.save_revision().publish()

    phone.goto("/networks/south-west-km/winter-networkout/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Winter NetWorkout")
    expect(phone.get_by_role("link", name="Watch the recording")).to_be_visible()
    expect(phone.get_by_text("to your calendar")).to_have_count(0)
    expect(phone.locator("dd", has_text="anyone leading a network")).to_have_text(
        "anyone leading a network"
    )
    assert_accessible(phone)

    phone.goto("/networks/south-west-km/")
    expect(phone.get_by_role("link", name="Winter NetWorkout")).to_be_visible()
    expect(phone.get_by_text("to your calendar")).to_have_count(0)


def test_the_maturity_chart_is_legible_on_a_phone(phone, assert_accessible):
    import_lessons(document(lesson()))
    network = NetworkPage.objects.get(slug="south-west-km")
    dimensions = list(Dimension.objects.filter(framework__slug="nmm"))
    for n, level in enumerate([1, 1, 2, 2, 3, 4]):
        review = NetworkReview(network=network, date=datetime.date(2021 + n, 3, 1))
        review.scores = [
            ReviewScore(dimension=d, current_level=level, target_level=4) for d in dimensions
        ]
        review.save()

    phone.goto("/networks/south-west-km/#maturity")
    chart = phone.locator("svg.app-trend-chart")
    box = chart.bounding_box()
    labels = chart.locator("text")
    expect(labels).to_have_count(5 + 6)  # levels 0-4 and six dates
    for n in range(labels.count()):
        label = labels.nth(n).bounding_box()
        assert label["height"] >= 12, labels.nth(n).text_content()  # CSS pixels on the screen
        assert box["x"] <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"]
        assert label["y"] + label["height"] <= box["y"] + box["height"]
    expect(phone.locator("table.app-trend-table")).to_be_visible()
    assert_accessible(phone)


def test_no_page_load_reaches_another_host(page):
    import_lessons(document(lesson()))
    for url in ["/", "/lessons/discharge-huddles/", "/search/?q=huddles"]:
        page.goto(url)
    # NHS.UK's stylesheet asks for its fonts from assets.nhs.uk: refused before any lookup.
    assert {urlsplit(url).hostname for url in page.blocked_urls} == {"assets.nhs.uk"}

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import document, lesson
from tests.builders.network import make_profile

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lessons():
    ensure_site_tree()
    import_lessons(
        document(
            lesson(),
            lesson(
                slug="huddle-board",
                title="Huddle evidence at board level",
                maturity=[{"dimension": "qiof-2", "level": 3}],
                themes=["board engagement"],
            ),
            lesson(
                slug="community-huddles",
                title="Community nursing huddles",
                context={
                    "organisation_type": "community_trust",
                    "scale": "team",
                    "team": [
                        {
                            "role": "District nurse",
                            "years_experience": 12,
                            "training": ["QSIR practitioner"],
                        }
                    ],
                },
                maturity=[{"dimension": "qiof-1", "level": 1}],
            ),
        )
    )
    member = make_user("reader@example.nhs.uk")
    profile = make_profile(member, organisation_type="community_trust", years_experience=12)
    profile.training.set(["QSIR practitioner"])
    profile.save()


def test_a_member_searches_narrows_and_finds_similar_contexts(lessons, page, assert_accessible):
    page.goto("/accounts/login/?next=/search/")
    page.get_by_label("Email").fill("reader@example.nhs.uk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.get_by_label("Search lessons, case studies and reviews").fill("huddles")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.locator(".app-result-count")).to_have_text("3 lessons found")
    expect(page.get_by_text("Filter", exact=True)).to_be_hidden()  # facets are a column here
    assert_accessible(page)

    # Narrow by outcome, then by level: each choice becomes a removable chip.
    page.locator("nav[aria-labelledby=facet-dimension]").get_by_role(
        "link", name="Outcome 2"
    ).click()
    expect(page.locator(".app-result-count")).to_have_text("2 lessons found")
    page.locator("nav[aria-labelledby=facet-level]").get_by_role("link", name="Level 3").click()
    expect(page.locator(".app-result-count")).to_have_text("1 lesson found")
    expect(page.locator(".app-chip")).to_have_count(2)

    page.get_by_role("link", name="Level: Level 3 (remove)").click()
    expect(page.locator(".app-chip")).to_have_count(1)
    expect(page.locator(".app-result-count")).to_have_text("2 lessons found")

    page.get_by_role("link", name="Huddle evidence at board level").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Huddle evidence at board level")

    # Contexts like mine: the form starts from the member's profile.
    page.goto("/search/similar/")
    expect(page.get_by_label("Type of organisation")).to_have_value("community_trust")
    assert_accessible(page)
    page.get_by_role("button", name="Find lessons").click()
    first = page.locator(".app-similar-list > li").first
    expect(first).to_contain_text("Community nursing huddles")
    expect(first).to_contain_text("Same organisation type: Community trust")
    expect(first).to_contain_text("The team had similar training: QSIR practitioner")
    assert_accessible(page)


def test_on_a_phone_the_results_come_first_and_the_facets_wait_behind_filter(
    lessons, page, assert_accessible
):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/search/?q=huddles")
    results = page.get_by_role("heading", name="3 lessons found", level=2)
    first_result = page.locator(".app-lesson-list a").first
    facet_links = page.locator(".app-facet a")
    expect(first_result).to_be_visible()
    expect(facet_links.first).to_be_hidden()
    assert first_result.bounding_box()["y"] < 812  # on the first screen
    assert_accessible(page)

    # By keyboard, from the search button the first result comes before any facet.
    page.get_by_role("main").get_by_role("button", name="Search").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.app-lesson-list, .app-facet')"):
            break
    expect(first_result).to_be_focused()

    # The skip link, shown when focused, moves focus to the results heading.
    skip = page.get_by_role("link", name="Skip to results")
    skip.focus()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(results).to_be_focused()

    # "Filter" (a native <details>, no script needed) opens the facets.
    page.get_by_text("Filter", exact=True).click()
    expect(facet_links.first).to_be_visible()
    assert_accessible(page)
    page.locator("nav[aria-labelledby=facet-dimension]").get_by_role(
        "link", name="Outcome 2"
    ).click()
    expect(page.locator(".app-result-count")).to_have_text("2 lessons found")
    expect(page.get_by_text("Filter (1 chosen)", exact=True)).to_be_visible()

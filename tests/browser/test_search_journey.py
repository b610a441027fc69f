import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from tests.conftest import PASSWORD, document, lesson, make_profile, make_user

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
    expect(page.locator(".app-result-count")).to_have_text("3 lessons")
    assert_accessible(page)

    # Narrow by outcome, then by level: each choice becomes a removable chip.
    page.locator("nav[aria-labelledby=facet-dimension]").get_by_role(
        "link", name="Outcome 2"
    ).click()
    expect(page.locator(".app-result-count")).to_have_text("2 lessons")
    page.locator("nav[aria-labelledby=facet-level]").get_by_role("link", name="Level 3").click()
    expect(page.locator(".app-result-count")).to_have_text("1 lesson")
    expect(page.locator(".app-chip")).to_have_count(2)

    page.get_by_role("link", name="Level: Level 3 (remove)").click()
    expect(page.locator(".app-chip")).to_have_count(1)
    expect(page.locator(".app-result-count")).to_have_text("2 lessons")

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

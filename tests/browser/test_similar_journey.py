"""A member finds lessons from contexts like theirs from the home page: one click, the
results shown at once from their profile, focus on them, each card with its kind, date,
summary and reasons. axe checks each page."""

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from tests.builders.browser import sign_in
from tests.builders.lessons import context, document, plain
from tests.builders.network import make_member, make_profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_finds_lessons_like_theirs_from_the_home_page(
    page, live_server, assert_accessible
):
    ensure_site_tree()
    import_lessons(
        document(
            plain(
                slug="ward-huddles",
                title="Ward huddles",
                summary="Ten-minute huddles cut delayed discharges.",
                date="2025-03-01",
                context=context(org="acute_trust"),
            ),
            plain(slug="gp-huddles", title="GP huddles", context=context(org="primary_care")),
        )
    )
    user = make_member("south-west-km", "reader@example.nhs.uk")
    make_profile(user, organisation_type="acute_trust", training=["QSIR"])

    sign_in(page, "reader@example.nhs.uk", next_url="/")
    assert_accessible(page)
    page.get_by_role("link", name="Lessons from contexts like yours").click()

    results = page.get_by_role("heading", name="Closest matches, from what your profile says")
    expect(results).to_be_focused()
    first = page.locator(".app-similar-list > li").first
    expect(first).to_contain_text("Ward huddles")
    expect(first).to_contain_text("Lesson")
    expect(first).to_contain_text("March 2025")
    expect(first).to_contain_text("Ten-minute huddles cut delayed discharges.")
    expect(first).to_contain_text("Same organisation type: Acute trust")
    assert_accessible(page)

    # A phone: the results are the first thing below the introduction.
    page.set_viewport_size({"width": 375, "height": 700})
    page.reload()
    expect(results).to_be_focused()
    assert results.bounding_box()["y"] < 700

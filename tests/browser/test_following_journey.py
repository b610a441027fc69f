import pytest
from playwright.sync_api import expect

from following.models import NotificationPreference
from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from tests.builders.accounts import make_user
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.themes import add_theme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def theme():
    ensure_site_tree()
    import_lessons(
        document(
            lesson(title="Daily discharge huddles", themes=["huddles"]),
            lesson(slug="ward-round-questions", title="Ward round questions", themes=["rounds"]),
        )
    )
    make_user("member@example.nhs.uk")
    picked = LessonPage.objects.get(slug="ward-round-questions")
    return add_theme("huddles", "Huddles", tags=["huddles"], picks=[(picked, "Start here.")])


def test_a_member_follows_a_theme_and_chooses_a_daily_digest(theme, page, assert_accessible):
    sign_in(page, "member@example.nhs.uk", next_url="/themes/huddles/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Huddles")
    picks = page.get_by_role("region", name="Chosen by the facilitators")
    expect(picks.get_by_role("link", name="Ward round questions")).to_be_visible()
    expect(page.get_by_role("link", name="Daily discharge huddles")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Follow this theme").click()
    expect(page.get_by_text("You are following Huddles.")).to_be_visible()
    expect(page.get_by_role("button", name="Stop following this theme")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="What you follow and how often we email you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you follow")
    expect(page.get_by_role("link", name="Huddles")).to_be_visible()
    expect(page.get_by_label("A weekly digest")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("A daily digest").check()
    page.get_by_role("button", name="Save how often we email you").click()
    expect(page.get_by_text("We will email you a daily digest of what is new")).to_be_visible()
    expect(page.get_by_label("A daily digest")).to_be_checked()
    assert NotificationPreference.objects.get(member__email="member@example.nhs.uk").frequency == (
        "daily"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Stop following Huddles").click()
    expect(page.get_by_text("You no longer follow Huddles.")).to_be_visible()
    expect(page.get_by_text("You do not follow any themes.")).to_be_visible()

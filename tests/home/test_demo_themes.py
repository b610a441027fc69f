"""The demo content's themes and follows: loaded, safe to load again, and private picks stay
private."""

import pytest

from following.models import Follow
from home import demo_content
from themes.models import ThemePage

PRIVATE_PICK = "An evidence box on every strategic paper to the Board"


@pytest.fixture(scope="module")
def demo(module_db):
    demo_content.load("a-long-demo-password-1")
    demo_content.load("a-long-demo-password-1")  # safe to repeat


def test_three_themes_with_their_picks_in_order(demo):
    themes = {theme.slug: theme for theme in ThemePage.objects.live()}
    assert set(themes) == {
        "networks-that-last",
        "evidence-in-decisions",
        "research-people-can-read",
    }
    picks = [pick.page.slug for pick in themes["networks-that-last"].picks.all()]
    assert picks == [
        "reviving-regional-km-network",
        "network-maturity-matrix-toolkit",
        "networkout-2026-building-networks-that-last",
        "facilitated-networks-spread-of-practice",
    ]
    assert [tag.name for tag in themes["research-people-can-read"].tags.all()] == [
        "health literacy"
    ]


def test_a_members_only_pick_is_shown_to_its_network_only(demo, client):
    from accounts.models import User

    body = client.get("/themes/evidence-in-decisions/").content.decode()
    assert PRIVATE_PICK not in body
    assert "A clinical librarian on the weekly haematology ward round" in body
    client.force_login(User.objects.get(email="helen.carter@example.nhs.uk"))
    assert PRIVATE_PICK in client.get("/themes/evidence-in-decisions/").content.decode()


def test_a_demo_member_follows_themes_a_network_a_person_and_their_question(demo):
    follows = Follow.objects.filter(follower__email="daniel.okafor@example.nhs.uk")
    assert sorted(str(follow.target) for follow in follows) == [
        "Evidence in every decision",
        "How did you get consultants to come to discharge huddles?",  # the question they asked
        "Networks that last",
        "Northern Clinical Librarians Network",
        "Priya Sharma",
    ]


def test_each_demo_theme_is_curated_by_a_named_facilitator(demo):
    from accounts.models import User

    curators = {
        theme.slug: sorted(user.email for user in theme.curators.all())
        for theme in ThemePage.objects.all()
    }
    assert curators == {
        "networks-that-last": ["tom.hughes@example.nhs.uk"],
        "evidence-in-decisions": ["helen.carter@example.nhs.uk"],
        "research-people-can-read": ["helen.carter@example.nhs.uk", "tom.hughes@example.nhs.uk"],
    }
    assert ThemePage.objects.get(slug="research-people-can-read").owner.email == (
        "tom.hughes@example.nhs.uk"
    )
    tom = User.objects.get(email="tom.hughes@example.nhs.uk")
    helens = ThemePage.objects.get(slug="evidence-in-decisions").permissions_for_user(tom)
    assert not (helens.can_edit() or helens.can_delete() or helens.can_unpublish())
    his = ThemePage.objects.get(slug="networks-that-last").permissions_for_user(tom)
    assert his.can_edit() and his.can_publish()

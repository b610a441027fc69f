"""Who sees each member profile, in every place it appears, and the members of a members-only
network kept to themselves on every path."""

import pytest

from tests.builders.accounts import make_user
from tests.builders.network import make_profile
from tests.builders.profiles import NAMES


@pytest.fixture
def people(module_people):
    """Every test here only reads them: made once for the module."""
    return module_people


def viewer(client, kind, people):
    if kind == "member-of-network":
        client.force_login(people["everyone"].user)
    elif kind == "signed-in":
        client.force_login(make_user("someone@example.nhs.uk"))
    elif kind == "owner":
        client.force_login(people["private"].user)
    return client


# Who may see each profile: anonymous readers see public ones, anyone signed in also sees
# members-only ones, and only the owner sees a private one.
EXPECTED = {
    "anonymous": {"everyone"},
    "signed-in": {"everyone", "members"},
    "member-of-network": {"everyone", "members"},
    "owner": {"everyone", "members", "private"},
}


def places(people):
    return {
        "directory": "/members/",
        "directory search": "/members/?q=librarian",
        "directory filter": "/members/?specialism=literature+searching",
        "network members": "/networks/south-west-km/",
    }


@pytest.mark.parametrize("kind", EXPECTED)
def test_profiles_appear_only_to_those_allowed(people, client, kind):
    client = viewer(client, kind, people)
    for place, url in places(people).items():
        html = client.get(url).content.decode()
        for visibility, name in NAMES.items():
            shown = name in html
            if place == "network members" and kind in ("anonymous", "signed-in"):
                assert not shown, (place, name)  # the member list is for the network's members
            elif place == "network members" and kind == "owner":
                assert shown == (visibility in EXPECTED[kind]), (place, name)
            else:
                assert shown == (visibility in EXPECTED[kind]), (place, name)
    for visibility, profile in people.items():
        status = client.get(f"/members/{profile.pk}/").status_code
        assert (status == 200) == (visibility in EXPECTED[kind]), visibility
        page = client.get(f"/lessons/lesson-by-{visibility}/").content.decode()
        assert (f'Shared by <a href="/members/{profile.pk}/"' in page) == (
            visibility in EXPECTED[kind]
        ), visibility


def test_the_profile_page_lists_lessons_and_networks(people, client):
    html = client.get(f"/members/{people['everyone'].pk}/").content.decode()
    assert "Lesson by everyone" in html
    assert "Lesson by members" not in html
    assert "South West KM Network" in html


# Members-only networks keep their member lists to themselves, on every path.


@pytest.fixture
def board_member(people, member_of):
    """Someone with a public profile in the members-only Board Evidence Leads network only."""
    user = member_of("board-leads", email="bea@example.nhs.uk")
    return make_profile(user, "everyone", display_name="Bea Boardmember")


@pytest.mark.parametrize("kind", ["anonymous", "signed-in", "member-of-network"])
def test_the_directory_never_lists_a_members_only_networks_members_to_outsiders(
    people, board_member, client, kind
):
    client = viewer(client, kind, people)
    html = client.get("/members/?network=board-leads").content.decode()
    assert "Select a valid choice" in html
    assert "Board Evidence Leads" not in html  # not even offered as a filter
    # Bea is still in the directory (her profile is public), just not picked out by network.
    assert "Ada Everyone" in html
    html = client.get("/members/?network=no-such-network").content.decode()
    assert "Select a valid choice" in html


def test_a_members_only_networks_members_may_filter_by_it(people, board_member, client):
    client.force_login(board_member.user)
    html = client.get("/members/?network=board-leads").content.decode()
    assert "Bea Boardmember" in html and "Ada Everyone" not in html
    assert '<option value="board-leads" selected>Board Evidence Leads</option>' in html


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("anonymous", False), ("signed-in", False), ("board member", True), ("owner", True)],
)
def test_a_profile_lists_only_the_networks_shared_with_the_reader(
    people, board_member, client, member_of, kind, shown
):
    member_of("south-west-km", email="bea@example.nhs.uk")
    if kind == "signed-in":
        client.force_login(make_user("someone@example.nhs.uk"))
    elif kind == "board member":
        client.force_login(member_of("board-leads", email="other@example.nhs.uk"))
    elif kind == "owner":
        client.force_login(board_member.user)
    html = client.get(f"/members/{board_member.pk}/").content.decode()
    assert "South West KM Network" in html
    assert ("Board Evidence Leads" in html) == shown

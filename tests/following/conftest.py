import pytest

from lessons.models import LessonPage
from network.models import Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import add_event, make_profile
from tests.builders.themes import add_theme


@pytest.fixture(scope="module")
def site(module_lessons):
    """Two networks (one members-only), lessons in and out of a theme, events, and people:
    a reader in no network, a member of the members-only network, an author with a public
    profile and one whose profile is private."""
    author = make_user("author@example.nhs.uk")
    make_profile(author, display_name="Ann Author", visibility="everyone")
    hidden = make_user("hidden@example.nhs.uk")
    make_profile(hidden, display_name="Hal Hidden", visibility="private")
    module_lessons(
        lesson(slug="sw-huddles", title="South West huddles", themes=["huddles"]),
        lesson(
            slug="board-secret",
            title="Board secret huddles",
            visibility="members",
            network="board-leads",
            themes=["huddles"],
        ),
        lesson(
            slug="board-public",
            title="Board papers in public",
            network="board-leads",
            themes=["governance"],
        ),
        lesson(slug="draft-huddles", title="Draft huddles", status="draft", themes=["huddles"]),
        lesson(slug="by-ann", title="Ann's pharmacy rounds", themes=["pharmacy"]),
        lesson(slug="by-hal", title="Hal's hidden lesson", themes=["pharmacy"]),
        lesson(slug="elsewhere", title="Nothing anyone follows", themes=["estates"]),
    )
    LessonPage.objects.filter(slug="by-ann").update(owner=author, network=None)
    LessonPage.objects.filter(slug="by-hal").update(owner=hidden, network=None)
    LessonPage.objects.filter(slug__in=["board-public", "elsewhere"]).update(network=None)
    south_west = NetworkPage.objects.get(slug="south-west-km")
    board = NetworkPage.objects.get(slug="board-leads")
    add_event(south_west, "sw-webinar", "South West webinar")
    add_event(board, "board-roundtable", "Board roundtable")
    theme = add_theme(
        "huddles",
        "Huddles",
        tags=["huddles"],
        picks=[(LessonPage.objects.get(slug="board-public"), "")],
    )
    board_member = make_user("board.member@example.nhs.uk")
    Membership.objects.create(network=board, user=board_member)
    return {
        "theme": theme,
        "south_west": south_west,
        "board": board,
        "author": author.profile,
        "hidden": hidden.profile,
        "reader": make_user("reader@example.nhs.uk"),
        "board_member": board_member,
    }

"""Members-only and draft lessons never reach someone who may not see them."""

import pytest

from tests.builders.accounts import make_user
from tests.builders.lessons import lesson

SECRET = "Board paper evidence checks"
DRAFT = "Unfinished discharge notes"


@pytest.fixture(scope="module")
def lessons(module_lessons):
    module_lessons(
        lesson(slug="public-lesson", title="Open huddles lesson", themes=["huddles"]),
        lesson(
            slug="board-secret",
            title=SECRET,
            visibility="members",
            network="board-leads",
            themes=["board secrets"],
        ),
        lesson(slug="draft-lesson", title=DRAFT, status="draft", themes=["draft theme"]),
    )


@pytest.fixture(params=["anonymous", "non-member", "member-of-another-network"])
def outsider(request, db, client, member_of):
    if request.param == "non-member":
        client.force_login(make_user("outsider@example.nhs.uk"))
    elif request.param == "member-of-another-network":
        client.force_login(member_of("south-west-km", email="sw@example.nhs.uk"))
    return client


PLACES = [
    "/",
    "/lessons/",
    "/lessons/?theme=board secrets",
    "/networks/board-leads/",
    "/networks/south-west-km/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("place", PLACES)
def test_outsiders_never_see_members_only_or_draft_lessons(lessons, outsider, place):
    body = outsider.get(place).content.decode()
    assert SECRET not in body
    assert "board-secret" not in body
    assert DRAFT not in body
    assert "draft-lesson" not in body
    assert "board secrets" not in body  # not even to someone who asks for it by name


def test_outsiders_get_not_found_for_the_pages_themselves(lessons, outsider):
    assert outsider.get("/lessons/board-secret/").status_code == 404
    assert outsider.get("/lessons/draft-lesson/").status_code == 404


def test_the_public_lesson_is_everywhere_it_should_be(lessons, client):
    assert "Open huddles lesson" in client.get("/lessons/").content.decode()
    assert "Open huddles lesson" in client.get("/").content.decode()
    assert "/lessons/public-lesson/" in client.get("/sitemap.xml").content.decode()


def test_members_see_their_networks_members_only_lessons(lessons, client, member_of):
    client.force_login(member_of("board-leads"))
    assert client.get("/lessons/board-secret/").status_code == 200
    for place in ["/", "/lessons/", "/networks/board-leads/"]:
        assert SECRET in client.get(place).content.decode(), place
    assert "board secrets" in client.get("/lessons/").content.decode()
    # ...but never drafts, and the sitemap is the same for everyone.
    assert client.get("/lessons/draft-lesson/").status_code == 404
    assert DRAFT not in client.get("/lessons/").content.decode()
    assert "board-secret" not in client.get("/sitemap.xml").content.decode()


def test_editors_can_preview_what_readers_cannot(lessons, client):
    client.force_login(make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True))
    assert client.get("/lessons/board-secret/").status_code == 200
    assert client.get("/lessons/draft-lesson/").status_code == 404  # not live: preview in admin


def test_a_members_only_lesson_whose_network_was_removed_is_hidden(lessons, client, member_of):
    from lessons.models import LessonPage

    user = member_of("board-leads")
    # What deleting the network does (on_delete=SET_NULL), bypassing the editor's validation.
    LessonPage.objects.filter(slug="board-secret").update(network=None)
    client.force_login(user)
    assert client.get("/lessons/board-secret/").status_code == 404
    assert SECRET not in client.get("/lessons/").content.decode()

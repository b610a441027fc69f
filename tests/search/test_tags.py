"""Tags are offered only where the person may see something that uses them: "did you mean"
hints on the search page, and the Wagtail admin's tag autocomplete."""

import pytest

from network.models import NetworkPage, ResourcePage
from tests.builders.accounts import make_user
from tests.builders.network import make_profile


@pytest.fixture(scope="module")
def tagged(library):
    """Tags used only by hidden things: a private and a members-only profile, a members-only
    network's resource; and the library's members-only and draft lessons."""
    for email, visibility, tag in [
        ("private@example.nhs.uk", "private", "phlebotomy"),
        ("signed-in@example.nhs.uk", "members", "telehealth"),
    ]:
        profile = make_profile(make_user(email), visibility=visibility)
        profile.specialisms.set([tag])
        profile.save()
    board = NetworkPage.objects.get(slug="board-leads")
    board.add_child(instance=ResourcePage(title="Board pack", summary="A pack.", slug="pack"))
    resource = ResourcePage.objects.get(slug="pack")
    resource.themes.set(["governance"])
    resource.save_revision().publish()


def hints(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.context["hints"]


@pytest.mark.parametrize(
    ("query", "hidden_word"),
    [
        ("phlebotomi", "phlebotomy"),  # a private profile's specialism
        ("telehelth", "telehealth"),  # a members-only profile's specialism
        ("hiddn", "hidden"),  # a members-only lesson's theme
        ("drafts", "draft"),  # a draft lesson's theme
        ("governanse", "governance"),  # a members-only network's resource
    ],
)
def test_did_you_mean_never_offers_a_word_only_hidden_things_use(
    tagged, client, query, hidden_word
):
    assert hidden_word not in hints(client, query)


def test_did_you_mean_offers_words_the_reader_may_see(tagged, client, member_of):
    assert "huddles" in hints(client, "hudles")  # a public lesson's theme
    assert "library" in hints(client, "librry")  # a maturity outcome's title
    client.force_login(member_of("board-leads"))
    assert "hidden" in hints(client, "hiddn")
    assert "telehealth" in hints(client, "telehelth")
    assert "governance" in hints(client, "governanse")
    assert "phlebotomy" not in hints(client, "phlebotomi")


def autocomplete(client, term, path="/admin/tag-autocomplete/"):
    response = client.get(path, {"term": term})
    assert response.status_code == 200, response
    return response.json()


def test_the_admin_tag_autocomplete_offers_a_facilitator_only_tags_they_may_see(
    tagged, client, member_of
):
    client.force_login(member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator"))
    assert autocomplete(client, "board") == ["board engagement"]
    assert autocomplete(client, "huddl") == ["huddles"]
    assert autocomplete(client, "tele") == ["telehealth"]
    # A draft of their network's is its champion's until it is submitted for review.
    assert autocomplete(client, "draft") == []
    for term in ("phleb", "hidden", "gover"):
        assert autocomplete(client, term) == []
        assert autocomplete(client, term, "/admin/tag-autocomplete/taggit/tag/") == []
    assert client.get("/admin/tag-autocomplete/auth/group/", {"term": "a"}).status_code == 404


def test_the_admin_tag_autocomplete_offers_tags_on_pages_the_editor_may_edit(tagged, client):
    client.force_login(make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True))
    assert autocomplete(client, "draft") == ["draft theme"]
    assert autocomplete(client, "hidden") == ["hidden theme"]
    assert autocomplete(client, "gover") == ["governance"]
    assert autocomplete(client, "phleb") == []  # a private profile, seen by nobody else


def test_the_admin_tag_autocomplete_is_for_admin_users_only(tagged, client):
    assert client.get("/admin/tag-autocomplete/", {"term": "hud"}).status_code == 302
    client.force_login(make_user("plain@example.nhs.uk"))
    assert client.get("/admin/tag-autocomplete/", {"term": "hud"}).status_code in (302, 403)

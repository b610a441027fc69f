"""Editors' picks (Wagtail's search promotions) shown above the results for their query, each
only to a reader who may read it, whoever asks."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from lessons.models import LessonPage
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.lessons import plain

PUBLIC = plain(slug="bloods", title="Venepuncture training for healthcare assistants")
MEMBERS = plain(
    slug="sepsis",
    title="Sepsis screening on admission",
    network="board-leads",
    visibility="members",
)
WITHDRAWN = plain(slug="withdrawn", title="An unpublished lesson on sepsis")


@pytest.fixture
def picks(import_lessons):
    import_lessons(PUBLIC, MEMBERS, WITHDRAWN)
    query = Query.get("sepsis")
    for order, slug in enumerate(["sepsis", "bloods", "withdrawn"]):
        SearchPromotion.objects.create(
            query=query, page=LessonPage.objects.get(slug=slug), sort_order=order
        )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.england.nhs.uk/sepsis/",
        external_link_text="NHS England on sepsis",
        sort_order=9,
    )
    LessonPage.objects.get(slug="withdrawn").unpublish()


def shown(client, query="Sepsis"):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [title for title, url, description in response.context["picks"]]


READERS = {
    "visitor": lambda member_of: None,
    "signed-in": lambda member_of: make_user("someone@example.nhs.uk"),
    "other network's member": lambda member_of: member_of("south-west-km"),
    "member": lambda member_of: member_of("board-leads"),
    "facilitator": lambda member_of: member_of(
        "board-leads", email="lead@example.nhs.uk", role="facilitator"
    ),
    "site editor": lambda member_of: make_site_editor(),
}


@pytest.mark.parametrize("reader", READERS)
def test_a_pick_is_shown_only_to_readers_who_may_read_it(picks, client, member_of, reader):
    if user := READERS[reader](member_of):
        client.force_login(user)
    expected = [PUBLIC["title"], "NHS England on sepsis"]
    if reader in {"member", "facilitator"}:
        expected.insert(0, MEMBERS["title"])
    assert shown(client) == expected
    assert shown(client, "venepuncture") == []


def test_searching_writes_no_query_row(picks, client):
    before = Query.objects.count()
    shown(client, "a query nobody picked for")
    assert Query.objects.count() == before


def test_a_site_editor_who_is_not_a_superuser_adds_a_pick_in_the_admin(import_lessons, client):
    import_lessons(PUBLIC)
    editor = make_site_editor()
    assert not editor.is_superuser
    client.force_login(editor)
    assert "Promoted search results" in client.get("/admin/").content.decode()
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200
    response = client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "blood tests",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(LessonPage.objects.get(slug="bloods").pk),
            "editors_picks-0-description": "Training for HCAs",
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-DELETE": "",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert shown(client, "Blood tests") == ["Venepuncture training for healthcare assistants"]

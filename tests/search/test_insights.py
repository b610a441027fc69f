"""Search insights: editors see every search on the site; a facilitator sees only what their
network's members searched for, only queries several members typed, never who typed them."""

import datetime
import re

from django.utils import timezone

import pytest

from network.models import NetworkPage
from search import insights
from search.models import MemberSearch, SearchQuery
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.lessons import lesson

SOUTH_WEST = "south-west-km"
BOARD = "board-leads"


@pytest.fixture
def searches(library, client, member_of):
    """Searches by members of two networks, by a lone member, and by anonymous visitors."""
    insights.flush()  # searches queued by earlier tests
    SearchQuery.objects.all().delete()

    def search_as(user, *queries):
        client.force_login(user)
        for query in queries:
            client.get("/search/", {"q": query})
        client.logout()

    south_west = [member_of(SOUTH_WEST, email=f"sw{n}@example.nhs.uk") for n in range(3)]
    board = [member_of(BOARD, email=f"board{n}@example.nhs.uk") for n in range(3)]
    for member in south_west:
        search_as(member, "huddles", "telepathy")
    # Typed often, but by only two members: one person's words are never shown to facilitators.
    search_as(south_west[0], "pharmacy rota", "pharmacy rota", "pharmacy rota")
    search_as(south_west[1], "pharmacy rota")
    for member in board:
        search_as(member, "board papers")
    for _ in range(3):
        client.get("/search/", {"q": "anonymous words"})
    insights.flush()


def insights_page(client, user):
    client.force_login(user)
    response = client.get("/search/insights/")
    assert response.status_code == 200
    return response


def test_searching_writes_nothing_until_the_queue_is_flushed(library, client):
    insights.flush()
    SearchQuery.objects.all().delete()
    client.get("/search/?q=huddles")
    client.get("/search/?q=Huddles")
    client.get("/search/?q=telepathy")
    assert not SearchQuery.objects.exists()
    assert insights.flush() == 3
    summary = insights.summary()
    assert summary["top"][0] == {"query": "huddles", "n": 2}
    assert summary["without_results"] == [{"query": "telepathy", "n": 1}]


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get("/search/insights/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_members_who_facilitate_nothing_are_refused(searches, client):
    client.force_login(make_user("plain@example.nhs.uk"))
    assert client.get("/search/insights/").status_code == 403
    client.force_login(make_user("sw-member@example.nhs.uk"))
    assert client.get("/search/insights/").status_code == 403
    client.force_login(make_user("staff@example.nhs.uk", is_staff=True))  # staff mean nothing
    assert client.get("/search/insights/").status_code == 403


def test_a_facilitator_sees_searches_by_three_or_more_of_their_members_only(
    searches, client, member_of
):
    lead = member_of(SOUTH_WEST, email="lead@example.nhs.uk", role="facilitator")
    response = insights_page(client, lead)
    assert response.context["site"] is None
    [(network, summary)] = response.context["networks"]
    assert network.slug == SOUTH_WEST
    assert summary["top"] == [{"query": "huddles", "n": 3}, {"query": "telepathy", "n": 3}]
    assert summary["without_results"] == [{"query": "telepathy", "n": 3}]
    html = response.content.decode()
    assert "pharmacy rota" not in html  # two people only
    assert "board papers" not in html  # another network's members
    assert "anonymous words" not in html  # not members
    assert "@example.nhs.uk" not in html.replace("lead@example.nhs.uk", "")  # never who


def test_a_facilitator_of_two_networks_sees_each_apart(searches, client, member_of):
    lead = member_of(SOUTH_WEST, email="lead@example.nhs.uk", role="facilitator")
    member_of(BOARD, email="lead@example.nhs.uk", role="facilitator")
    summaries = {n.slug: s for n, s in insights_page(client, lead).context["networks"]}
    assert [row["query"] for row in summaries[BOARD]["top"]] == ["board papers"]
    assert [row["query"] for row in summaries[SOUTH_WEST]["top"]] == ["huddles", "telepathy"]


def test_site_editors_see_every_search_on_the_site(searches, client):
    editor = make_site_editor("editor@example.nhs.uk")
    response = insights_page(client, editor)
    top = {row["query"]: row["n"] for row in response.context["site"]["top"]}
    assert top == {
        "huddles": 3,
        "telepathy": 3,
        "pharmacy rota": 4,
        "board papers": 3,
        "anonymous words": 3,
    }
    assert "pharmacy rota" in response.content.decode()


def test_who_searched_is_kept_only_as_a_hash_of_the_query_and_the_person(searches):
    rows = MemberSearch.objects.filter(network__slug=SOUTH_WEST)
    assert rows.filter(query="pharmacy rota").count() == 2  # two people, one row each
    assert rows.get(query="pharmacy rota", searches=3)  # one person, three times
    hashes = list(rows.values_list("searcher", flat=True))
    assert all(re.fullmatch("[0-9a-f]{64}", h) for h in hashes)
    # Every row has its own hash: one person's different queries cannot be joined up.
    assert len(set(hashes)) == len(hashes) == 8


def test_member_searches_are_forgotten_after_thirty_days(library, client, member_of):
    insights.flush()
    network = NetworkPage.objects.get(slug=SOUTH_WEST)
    today = timezone.localdate()
    for age in (insights.KEEP_DAYS - 1, insights.KEEP_DAYS):
        MemberSearch.objects.create(
            network=network,
            query=f"{age} days ago",
            day=today - datetime.timedelta(days=age),
            searcher=f"{age:064d}",
            searches=1,
        )
    client.force_login(member_of(SOUTH_WEST))
    client.get("/search/?q=huddles")
    insights.flush()
    assert set(MemberSearch.objects.values_list("query", flat=True)) == {
        f"{insights.KEEP_DAYS - 1} days ago",
        "huddles",
    }


def test_a_network_deleted_before_the_queue_is_written_loses_only_its_own_counts(
    import_lessons, member_of
):
    import_lessons(lesson())
    insights.flush()
    member = member_of("board-leads", email="leaving@example.nhs.uk")
    insights.record("board papers", 1, member)
    NetworkPage.objects.get(slug="board-leads").delete()
    assert insights.flush() == 1
    assert SearchQuery.objects.get(query="board papers").searches == 1
    assert not MemberSearch.objects.filter(query="board papers").exists()

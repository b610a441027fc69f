"""Search insights: editors see every search on the site; a facilitator sees only what their
network's members searched for, only queries several members typed, never who typed them."""

import datetime
import re

from django.tasks.signals import task_enqueued
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
def enqueued():
    """The counting tasks enqueued during the test (Django's task_enqueued signal)."""
    results = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.func is insights.count_search.func:
            results.append(task_result)

    task_enqueued.connect(receiver)
    yield results
    task_enqueued.disconnect(receiver)


def insights_page(client, user):
    client.force_login(user)
    response = client.get("/search/insights/")
    assert response.status_code == 200
    return response


def test_a_search_is_counted_by_a_task_enqueued_once_its_request_commits(
    library, client, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as commit:
        client.get("/search/?q=huddles")
        client.get("/search/?q=Huddles")
        client.get("/search/?q=telepathy")
    assert not SearchQuery.objects.exists()
    assert not enqueued
    for callback in commit:
        callback()
    assert len(enqueued) == 3
    summary = insights.summary()
    assert summary["top"][0] == {"query": "huddles", "n": 2}
    assert summary["without_results"] == [{"query": "telepathy", "n": 1}]


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get("/search/insights/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert response["Location"] == "/accounts/login/?next=/search/insights/"


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


def test_the_task_that_counts_a_members_search_is_given_a_hash_never_the_member(
    library, client, member_of, enqueued, counted
):
    member = member_of(SOUTH_WEST, email="searcher@example.nhs.uk")
    member_of(BOARD, email="searcher@example.nhs.uk")
    networks = sorted(
        NetworkPage.objects.filter(slug__in=[SOUTH_WEST, BOARD]).values_list("pk", flat=True)
    )
    client.force_login(member)
    with counted():
        client.get("/search/", {"q": "Telepathy "})
    [result] = enqueued
    query, no_results, day, searcher, in_networks = result.args
    assert (query, no_results, day) == ("telepathy", True, timezone.localdate().isoformat())
    assert re.fullmatch("[0-9a-f]{64}", searcher)
    assert sorted(in_networks) == networks
    assert result.kwargs == {}
    assert MemberSearch.objects.filter(searcher=searcher).count() == 2


def test_member_searches_are_forgotten_after_thirty_days(library, client, member_of, counted):
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
    with counted():
        client.get("/search/?q=huddles")
    assert set(MemberSearch.objects.values_list("query", flat=True)) == {
        f"{insights.KEEP_DAYS - 1} days ago",
        "huddles",
    }


def test_a_network_deleted_before_the_search_is_counted_loses_only_its_own_counts(
    import_lessons, member_of, django_capture_on_commit_callbacks
):
    import_lessons(lesson())
    member = member_of("board-leads", email="leaving@example.nhs.uk")
    with django_capture_on_commit_callbacks() as commit:
        insights.record("board papers", 1, member)
    NetworkPage.objects.get(slug="board-leads").delete()
    [count] = commit
    count()
    assert SearchQuery.objects.get(query="board papers").searches == 1
    assert not MemberSearch.objects.filter(query="board papers").exists()

"""The "For facilitators" card on a network page shows the network's lessons waiting for this
facilitator's review (the review rule) and links to the network's search insights, with how
many of its searches found nothing (the one insights rule). Nobody else sees the card."""

from django.test import TestCase
from django.utils import timezone

import pytest

from accounts.models import User
from lessons.models import LessonPage
from lessons.moderation.workflow import submit_for_review
from network.models import NetworkPage
from search.models import MemberSearch
from tests.builders.lessons import lesson
from tests.builders.pages import text_of
from tests.builders.sharing import people, shared


@pytest.fixture(scope="module")
def built(module_lessons):
    """Built once for the module: what a test writes is undone after it (module_db)."""
    module_lessons(lesson())
    everyone = people()
    sent = {}
    with TestCase.captureOnCommitCallbacks(execute=True):
        for name, author, network in (
            ("ours", everyone["champion"], "south-west-km"),
            ("by_the_facilitator", everyone["facilitator"], "south-west-km"),
            ("elsewhere", everyone["other_facilitator"], "board-leads"),
        ):
            page = shared(author, title=f"Huddles {name.replace('_', ' ')}", network=network)
            submit_for_review(page, author)
            sent[name] = page.pk
    shared(everyone["champion"], title="Huddles not yet sent")
    return {kind: person.pk for kind, person in everyone.items()}, sent


@pytest.fixture
def world(built):
    """The people and lessons read afresh for each test, so nothing one test's checks kept on
    them (a permission cache) reaches the next."""
    people_by_kind, sent = built
    return {
        "people": {kind: User.objects.get(pk=pk) for kind, pk in people_by_kind.items()},
        "lessons": {name: LessonPage.objects.get(pk=pk) for name, pk in sent.items()},
    }


def network_page(client, user):
    client.force_login(user)
    return client.get(NetworkPage.objects.get(slug="south-west-km").url)


def test_the_card_lists_the_networks_lessons_waiting_for_this_facilitators_review(client, world):
    response = network_page(client, world["people"]["facilitator"])
    html, text = response.content.decode(), text_of(response)
    assert "Waiting for review" in text
    assert f'href="/members/me/reviews/{world["lessons"]["ours"].pk}/"' in html
    assert "Huddles ours" in text
    assert "Huddles by the facilitator" not in text  # their own: never theirs to review
    assert "Huddles elsewhere" not in text  # another network's
    assert "Huddles not yet sent" not in text  # a draft


def test_the_card_links_to_the_networks_searches_and_counts_those_that_found_nothing(
    client, world, member_of
):
    network = NetworkPage.objects.get(slug="south-west-km")
    searches = [("telepathy", 1), ("huddles", 0), ("pharmacy rota", 1)]
    for n in range(3):
        for query, nothing in searches[:2]:
            MemberSearch.objects.create(
                network=network,
                query=query,
                day=timezone.localdate(),
                searcher=f"{query}-{n}",
                searches=1,
                without_results=nothing,
            )
    # Found nothing too, but typed by one member only: the insights rule never shows it.
    MemberSearch.objects.create(
        network=network,
        query="pharmacy rota",
        day=timezone.localdate(),
        searcher="one",
        searches=4,
        without_results=4,
    )
    response = network_page(client, world["people"]["facilitator"])
    html = response.content.decode()
    assert f'href="/search/insights/#network-{network.pk}"' in html
    queue = f"/search/insights/networks/{network.pk}/"
    assert f'href="{queue}">1 search that found nothing: answer it' in html
    insights = client.get("/search/insights/").content.decode()
    assert f'id="network-{network.pk}"' in insights
    assert f'id="network-{network.pk}-nothing"' in insights
    assert f'href="{queue}"' in insights
    # The queue the card links to shows what it counts, by the same rule.
    assert [row["query"] for row in client.get(queue).context["queue"]] == ["telepathy"]


def test_only_the_networks_facilitators_see_what_waits_for_review(client, world):
    assert "Waiting for review" in text_of(network_page(client, world["people"]["facilitator"]))
    for kind in ("member", "non_member", "other_facilitator"):
        text = text_of(network_page(client, world["people"][kind]))
        assert "For facilitators" not in text, kind
        assert "Waiting for review" not in text, kind
        assert "Huddles ours" not in text, kind

from django.test import Client, TestCase

import pytest

from network.models import NetworkPage
from tests.builders.lessons import context, plain
from tests.builders.network import make_member

SOUTH_WEST = "south-west-km"
BOARD = "board-leads"


@pytest.fixture(scope="module")
def library(module_lessons):
    """A small, hand-built set of lessons where the right answers are clear, imported once
    for each module that reads it (each test's own writes are undone after it). A module
    that needs lessons of its own instead uses import_lessons and never this fixture."""
    module_lessons(
        plain(
            slug="huddle-briefings",
            title="Evidence briefings at huddles",
            kind="lesson",
            themes=["huddles", "evidence summaries"],
            context=context(),
            maturity=[{"dimension": "qiof-2", "level": 2}],
        ),
        plain(
            slug="community-cafe",
            title="A knowledge cafe for community nurses",
            kind="case_study",
            themes=["communities of practice"],
            summary="Monthly knowledge cafes for district nurses.",
            context=context(
                "community_trust",
                "north_west",
                "team",
                team=[{"role": "District nurse", "years_experience": 5}],
            ),
            maturity=[{"dimension": "qiof-2", "level": 1}],
        ),
        plain(
            slug="board-evidence",
            title="Evidence for the board",
            kind="retrospect",
            themes=["board engagement"],
            summary="Board papers cite their evidence.",
            context=context(
                "acute_trust",
                "london",
                "organisation",
                team=[
                    {"role": "Librarian", "years_experience": 25},
                    {"role": "Company secretary", "years_experience": 3},
                ],
            ),
            maturity=[
                {"dimension": "kmsa-leadership", "level": 3},
                {"dimension": "qiof-2", "level": 3},
            ],
        ),
        plain(
            slug="secret-board",
            title="Secret board evidence checks",
            visibility="members",
            network="board-leads",
            themes=["board engagement", "hidden theme"],
            kind="after_action_review",
            context=context("mental_health_trust", "midlands"),
            maturity=[{"dimension": "qiof-2", "level": 2}],
        ),
        plain(
            slug="draft-huddles",
            title="Draft huddle notes",
            status="draft",
            themes=["huddles", "draft theme"],
            context=context("ambulance_trust", "london"),
            maturity=[{"dimension": "qiof-4", "level": 4}],
        ),
    )


@pytest.fixture
def counted(django_capture_on_commit_callbacks):
    """Searches made inside `with counted():` are counted when it ends, as when their requests
    commit (a test's transaction never does)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def search_as_members(client):
    """Searches by members of two networks, by a lone member, and by anonymous visitors, counted
    as when their requests commit (a test's transaction never does)."""

    def search_as(user, *queries):
        client.force_login(user)
        for query in queries:
            client.get("/search/", {"q": query})
        client.logout()

    south_west = [make_member(SOUTH_WEST, email=f"sw{n}@example.nhs.uk") for n in range(3)]
    board = [make_member(BOARD, email=f"board{n}@example.nhs.uk") for n in range(3)]
    with TestCase.captureOnCommitCallbacks(execute=True):
        for member in south_west:
            search_as(member, "huddles", "telepathy")
        # Typed often, but by only two members: one person's words are never shown to
        # facilitators.
        search_as(south_west[0], "pharmacy rota", "pharmacy rota", "pharmacy rota")
        search_as(south_west[1], "pharmacy rota")
        for member in board:
            search_as(member, "board papers")
        for _ in range(3):
            client.get("/search/", {"q": "anonymous words"})


@pytest.fixture
def searches(library, client):
    """search_as_members, for a test that also counts searches of its own."""
    search_as_members(client)


@pytest.fixture(scope="module")
def module_searches(library):
    """search_as_members once for the module (each test's own writes are undone after it), for
    a module whose every test may meet these searches."""
    search_as_members(Client())


@pytest.fixture
def south_west(db):
    return NetworkPage.objects.get(slug=SOUTH_WEST)


@pytest.fixture
def lead(module_searches):
    """A facilitator of the South West network, whose members' searches found nothing."""
    return make_member(SOUTH_WEST, email="lead@example.nhs.uk", role="facilitator")

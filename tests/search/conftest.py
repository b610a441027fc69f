import pytest

from tests.builders.lessons import context, plain


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

import pytest

from tests.builders.lessons import context, lesson


@pytest.fixture(scope="module")
def library(module_lessons):
    """Two harvestable lessons, and three that must never be shown: members-only, a draft,
    and a public lesson of a members-only network."""
    ward_rounds = lesson(
        slug="ward-rounds",
        title="Ward rounds with a librarian",
        kind="case_study",
        themes=["ward rounds"],
        maturity=[],
        context=context(region="london"),
    )
    del ward_rounds["network"]  # a lesson shared with the whole site
    module_lessons(
        lesson(
            slug="board-secrets", title="Board secrets", network="board-leads", visibility="members"
        ),
        lesson(slug="open-board", title="Open board lesson", network="board-leads"),
        lesson(slug="draft-huddles", title="Draft huddles", status="draft"),
        ward_rounds,
        lesson(
            related=[
                {"slug": "board-secrets", "relation": "builds_on"},
                {"slug": "ward-rounds", "relation": "builds_on"},
            ]
        ),
    )

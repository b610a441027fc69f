import pytest

from tests.builders.lessons import lesson


@pytest.fixture(scope="module")
def library(module_lessons):
    """A public lesson that links to a members-only one and a draft, imported once."""
    module_lessons(
        lesson(
            slug="board-secrets",
            title="Board secrets",
            network="board-leads",
            visibility="members",
            related=[],
        ),
        lesson(slug="draft-huddles", title="Draft huddles", status="draft"),
        lesson(
            related=[
                {"slug": "board-secrets", "relation": "builds_on"},
                {"slug": "draft-huddles", "relation": "contrasts_with"},
                {"slug": "ward-rounds", "relation": "builds_on"},
            ]
        ),
        lesson(slug="ward-rounds", title="Ward rounds with a librarian"),
    )

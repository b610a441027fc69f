import pytest

from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.network import add_event
from tests.builders.themes import add_theme


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
    networks = {network.slug: network for network in NetworkPage.objects.all()}
    add_event(networks["south-west-km"], "spring-webinar", "Spring webinar", days=10)
    add_event(networks["board-leads"], "board-roundtable", "Board roundtable", days=5)
    add_theme("huddles", "Huddles")
    add_theme("draft-theme", "Draft theme", live=False)

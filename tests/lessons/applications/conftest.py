"""The lessons applied in these tests, their author and facilitator, and the member who applies."""

import pytest

from lessons.models import LessonPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile


@pytest.fixture
def lessons(import_lessons, member_of):
    """A public lesson of the South West network, written by Ann, whose facilitator is Fay;
    a members-only lesson of Board Evidence Leads."""
    import_lessons(
        lesson(),
        lesson(
            slug="board-secret", title="Board secret", visibility="members", network="board-leads"
        ),
    )
    author = make_user("ann@example.nhs.uk")
    make_profile(author, display_name="Ann Author")
    LessonPage.objects.filter(slug="discharge-huddles").update(owner=author)
    facilitator = member_of("south-west-km", email="fay@example.nhs.uk", role="facilitator")
    return LessonPage.objects.get(slug="discharge-huddles"), author, facilitator


@pytest.fixture
def applier(db):
    user = make_user("cal@example.nhs.uk")
    make_profile(
        user,
        display_name="Cal Applier",
        visibility="members",
        organisation_type="community_trust",
        region="north_west",
        years_experience=12,
    )
    return user

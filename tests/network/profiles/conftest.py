"""The members of the profile tests, one for each profile visibility."""

import pytest

from lessons.models import LessonPage
from tests.builders.lessons import lesson
from tests.builders.network import make_member, make_profile
from tests.builders.profiles import NAMES


def three_members(import_lessons, member_of):
    """Three members of the South West network, one for each profile visibility, each the
    author of a lesson."""
    import_lessons(*[lesson(slug=f"lesson-by-{v}", title=f"Lesson by {v}") for v in NAMES])
    profiles = {}
    for visibility, name in NAMES.items():
        user = member_of("south-west-km", email=f"{visibility}@example.nhs.uk")
        profiles[visibility] = make_profile(
            user,
            visibility,
            display_name=name,
            job_role="Clinical librarian",
            organisation_type="acute_trust",
            region="south_west",
        )
        profiles[visibility].specialisms.set(["literature searching", visibility])
        profiles[visibility].save()
        LessonPage.objects.filter(slug=f"lesson-by-{visibility}").update(owner=user)
    return profiles


@pytest.fixture
def people(import_lessons, member_of):
    return three_members(import_lessons, member_of)


@pytest.fixture(scope="module")
def module_people(module_lessons):
    """three_members once for the module, for a module whose tests only read them (what a test
    writes is undone after it)."""
    return three_members(module_lessons, make_member)

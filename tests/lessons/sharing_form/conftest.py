"""The people of the guided form's tests, with the champion signed in."""

import pytest

from tests.builders.lessons import lesson
from tests.builders.sharing import people


@pytest.fixture
def world(import_lessons):
    import_lessons(lesson())
    return people()


@pytest.fixture
def champion(world, client):
    client.force_login(world["champion"])
    return world["champion"]

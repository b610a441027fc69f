import pytest

from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.network import add_event, add_resource
from tests.builders.themes import (
    DRAFT,
    OFF_THEME,
    PICKED_AND_TAGGED,
    PUBLIC_EVENT,
    PUBLIC_PICK,
    RESOURCE,
    SECRET_EVENT,
    SECRET_PICK,
    SECRET_TAGGED,
    TAGGED,
    add_theme,
)


@pytest.fixture(scope="module")
def huddles_theme(module_lessons):
    """A theme on huddles: picks in a set order, some private, one also tagged; tagged lessons,
    events and resources around them, some private."""
    from lessons.models import LessonPage
    from maturity.models import Dimension

    module_lessons(
        lesson(slug="public-pick", title=PUBLIC_PICK, themes=["safety"]),
        lesson(slug="tagged", title=TAGGED, themes=["huddles"], date="2024-01-01"),
        lesson(slug="picked-and-tagged", title=PICKED_AND_TAGGED, themes=["Huddles"]),
        lesson(
            slug="secret-pick",
            title=SECRET_PICK,
            visibility="members",
            network="board-leads",
            themes=["governance"],
        ),
        lesson(
            slug="secret-tagged",
            title=SECRET_TAGGED,
            visibility="members",
            network="board-leads",
            themes=["huddles"],
        ),
        lesson(slug="draft", title=DRAFT, status="draft", themes=["huddles"]),
        lesson(slug="off-theme", title=OFF_THEME, themes=["pharmacy"]),
    )
    south_west = NetworkPage.objects.get(slug="south-west-km")
    board = NetworkPage.objects.get(slug="board-leads")
    event = add_event(south_west, "huddle-webinar", PUBLIC_EVENT, themes=["huddles"])
    secret_event = add_event(board, "board-huddles", SECRET_EVENT, themes=["huddles"])
    add_resource(south_west, "huddle-toolkit", RESOURCE, themes=["huddles"])
    lessons = {page.slug: page for page in LessonPage.objects.all()}
    return add_theme(
        "huddles",
        "Huddles",
        tags=["huddles"],
        picks=[
            (lessons["secret-pick"], "Members only."),
            (lessons["public-pick"], "Read this first."),
            (secret_event, ""),
            (lessons["picked-and-tagged"], ""),
            (lessons["public-pick"], "Picked twice by mistake."),
            (event, "Book a place."),
        ],
        dimensions=Dimension.objects.filter(code__in=["qiof-2", "nmm-purpose"]),
    )

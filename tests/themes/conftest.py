import datetime

from django.utils import timezone

import pytest

from network.models import EventPage, NetworkPage, ResourcePage
from tests.conftest import lesson
from themes.models import ThemeIndexPage, ThemePage, ThemePick

PUBLIC_PICK = "Picked public lesson"
TAGGED = "Tagged public lesson"
PICKED_AND_TAGGED = "Picked and tagged lesson"
SECRET_PICK = "Picked board secret"
SECRET_TAGGED = "Tagged board secret"
DRAFT = "Tagged draft lesson"
OFF_THEME = "A lesson on something else"
PUBLIC_EVENT = "Huddle webinar"
SECRET_EVENT = "Board huddle roundtable"
RESOURCE = "Huddle toolkit"


def add_event(network, slug, title, themes=(), days=30):
    start = timezone.now() + datetime.timedelta(days=days)
    event = EventPage(
        title=title,
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=1),
        description=f"{title}: an hour for network leads.",
    )
    event.themes.set(list(themes))
    network.add_child(instance=event)
    event.save_revision().publish()
    return event


def add_resource(network, slug, title, themes=()):
    resource = ResourcePage(title=title, slug=slug, summary=f"{title}, ready to use.")
    resource.themes.set(list(themes))
    network.add_child(instance=resource)
    resource.save_revision().publish()
    return resource


def add_theme(slug, title, tags=(), picks=(), live=True, dimensions=()):
    theme = ThemePage(title=title, slug=slug, introduction=f"All about {title.lower()}.", live=live)
    theme.tags.set(list(tags))
    theme.picks = [ThemePick(page=page, note=note) for page, note in picks]
    theme.dimensions = list(dimensions)
    ThemeIndexPage.objects.get().add_child(instance=theme)
    revision = theme.save_revision()
    if live:
        revision.publish()
    return theme


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

"""Follows and sent items made before they pointed at their thing by content type (one foreign
key per kind; a sent item was a page) survive the migration, both ways."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from following import digests
from following.models import Follow, SentItem
from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson
from tests.builders.network import add_event, make_profile
from tests.builders.themes import add_theme

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("following", "0001_following")]


def migrate(targets):
    """Migrate to these nodes; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("following")


@pytest.fixture
def made_before():
    """A member who follows a theme, a network and a person, and was sent a lesson and an
    event, saved in the shape the first migration made."""
    put_back_shipped_data()
    ensure_site_tree()
    import_lessons(
        document(
            lesson(slug="sent-lesson", title="A lesson already sent", themes=["huddles"]),
            lesson(slug="unsent-lesson", title="A lesson not sent yet", themes=["huddles"]),
        )
    )
    network = NetworkPage.objects.get(slug="south-west-km")
    data = {
        "member": make_user("member@example.nhs.uk"),
        "theme": add_theme("huddles", "Huddles", tags=["huddles"]),
        "network": network,
        "person": make_profile(make_user("ann@example.nhs.uk"), display_name="Ann Author"),
        "lesson": LessonPage.objects.get(slug="sent-lesson"),
        "event": add_event(network, "sent-event", "An event already sent"),
    }
    old = migrate(BEFORE)
    try:
        OldFollow = old.get_model("following", "Follow")
        OldSentItem = old.get_model("following", "SentItem")
        for kind in ["theme", "network", "person"]:
            OldFollow.objects.create(follower_id=data["member"].pk, **{f"{kind}_id": data[kind].pk})
        OldFollow.objects.filter(theme_id=data["theme"].pk).update(
            created_at=timezone.now() - datetime.timedelta(days=400)
        )
        for page in ["lesson", "event"]:
            OldSentItem.objects.create(member_id=data["member"].pk, page_id=data[page].pk)
        yield data
    finally:
        migrate(latest())


def test_follows_and_sent_items_of_the_old_shape_are_kept(made_before):
    migrate(latest())
    member = made_before["member"]
    follows = Follow.objects.filter(follower=member).order_by("created_at")
    assert [follow.target for follow in follows] == [
        made_before["theme"],
        made_before["network"],
        made_before["person"],
    ]
    assert [follow.kind.name for follow in follows] == ["theme", "network", "person"]
    assert follows[0].created_at < timezone.now() - datetime.timedelta(days=399)
    assert {sent.item for sent in SentItem.objects.filter(member=member)} == {
        made_before["lesson"],
        made_before["event"],
    }
    # What was sent is not sent again; the rest is news.
    titles = {item.object.title for item in digests.new_items(member)}
    assert titles == {"A lesson not sent yet"}


def test_going_back_keeps_what_the_old_shape_can_hold(made_before):
    migrate(latest())
    member = made_before["member"]
    Follow.objects.create(follower=member, target=made_before["lesson"])  # no old kind for it
    old = migrate(BEFORE)
    OldFollow = old.get_model("following", "Follow")
    OldSentItem = old.get_model("following", "SentItem")
    assert sorted(
        OldFollow.objects.filter(follower_id=member.pk).values_list(
            "theme_id", "network_id", "person_id"
        ),
        key=str,
    ) == sorted(
        [
            (made_before["theme"].pk, None, None),
            (None, made_before["network"].pk, None),
            (None, None, made_before["person"].pk),
        ],
        key=str,
    )
    assert set(OldSentItem.objects.values_list("page_id", flat=True)) == {
        made_before["lesson"].pk,
        made_before["event"].pk,
    }

"""Who may read a lesson is one rule, asked two ways: for many lessons (the queryset every
listing, search, feed and sitemap uses) and for one (the page). They must always agree."""

from django.contrib.auth.models import AnonymousUser

import pytest

from lessons.models import LessonPage
from network.models import Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson


@pytest.fixture(scope="module")
def people_and_lessons(module_lessons):
    """Built once for the module; each test's own writes (an unpublish) are undone after it."""
    module_lessons(
        lesson(slug="public-lesson"),
        lesson(slug="public-draft", status="draft"),
        lesson(slug="board-secret", visibility="members", network="board-leads"),
        lesson(slug="board-draft", visibility="members", network="board-leads", status="draft"),
        lesson(slug="south-west-members", visibility="members", network="south-west-km"),
    )
    people = {
        "anonymous": AnonymousUser(),
        "no network": make_user("nobody@example.nhs.uk"),
        "board member": member("board-leads", "board@example.nhs.uk"),
        "south west facilitator": member("south-west-km", "sw@example.nhs.uk", "facilitator"),
        "superuser": make_user("admin@example.nhs.uk", is_superuser=True, is_staff=True),
    }
    return people, list(LessonPage.objects.all())


def member(network_slug, email, role="member"):
    user = make_user(email)
    Membership.objects.create(
        network=NetworkPage.objects.get(slug=network_slug), user=user, role=role
    )
    return user


def test_the_queryset_and_the_single_lesson_agree_for_everyone(people_and_lessons):
    people, lessons = people_and_lessons
    for name, person in people.items():
        readable = set(LessonPage.objects.readable_by(person).values_list("slug", flat=True))
        for one in lessons:
            assert one.is_readable_by(person) == (one.slug in readable), (name, one.slug)


def test_who_reads_what(people_and_lessons):
    people, _ = people_and_lessons

    def slugs(name):
        return set(LessonPage.objects.readable_by(people[name]).values_list("slug", flat=True))

    assert slugs("anonymous") == {"public-lesson"}
    assert slugs("no network") == {"public-lesson"}
    assert slugs("board member") == {"public-lesson", "board-secret"}
    assert slugs("south west facilitator") == {"public-lesson", "south-west-members"}
    # Drafts are read by nobody; editors preview them through the admin instead.
    assert slugs("superuser") == {"public-lesson"}


def test_a_lesson_stops_being_readable_when_unpublished(people_and_lessons):
    people, _ = people_and_lessons
    page = LessonPage.objects.get(slug="public-lesson")
    page.unpublish()
    page.refresh_from_db()
    assert not page.is_readable_by(people["anonymous"])
    assert not LessonPage.objects.readable_by(people["anonymous"]).exists()
    assert NetworkPage.objects.exists()  # the networks themselves are untouched

"""Lessons are news in what members follow (core/follows.py): in the network they belong to and
from the person who wrote them (themes add the lessons they list, themes/follows.py)."""

from core.follows import ItemKind, News
from lessons.models import LessonPage
from network.models import Profile


def in_networks(reader, networks, window):
    """(lesson, network) for each lesson the reader may read in the window, in these networks."""
    by_pk = {network.pk: network for network in networks}
    lessons = window.filter(LessonPage.objects.readable_by(reader).filter(network__in=networks))
    for lesson in lessons:
        yield lesson, by_pk[lesson.network_id]


def by_people(reader, people, window):
    """(lesson, profile) for each lesson the reader may read in the window, by these people."""
    by_user = {profile.user_id: profile for profile in people}
    lessons = window.filter(LessonPage.objects.readable_by(reader).filter(owner__in=list(by_user)))
    for lesson in lessons:
        yield lesson, by_user[lesson.owner_id]


LESSONS = ItemKind(
    model=LessonPage,
    noun="lesson",
    plural="lessons",
    template="lessons/email/followed_lesson.txt",
    order=10,
)
LESSONS_IN_NETWORKS = News(
    kind="network",
    model=LessonPage,
    items=in_networks,
    sources=lambda lesson: [lesson.network_id] if lesson.network_id else [],
)
LESSONS_BY_PEOPLE = News(
    kind="person",
    model=LessonPage,
    items=by_people,
    sources=lambda lesson: Profile.objects.filter(user_id=lesson.owner_id).values("pk"),
)

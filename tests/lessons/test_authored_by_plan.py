"""A member's "lessons I wrote" (home, My lessons: LessonPageQuerySet.authored_by) is found
through indexes, the owner's and the co-authors', never by reading every lesson: at 10,000
lessons an OR of the owner and the co-authors read them all (~45 ms a home page). The plan is
asked of the database itself; on PostgreSQL with sequential scans made the last resort, so
that a plan that can only read every row still shows one."""

from django.db import connection

import pytest

from lessons.models import CoAuthor, LessonPage
from lessons.moderation.workflow import lessons_by_status
from tests.builders.lessons import lesson
from tests.builders.sharing import people, shared

WHOLE_TABLE_READS = {
    "sqlite": ("SCAN lessons_lessonpage", "SCAN wagtailcore_page"),
    "postgresql": ("Seq Scan on lessons_lessonpage", "Seq Scan on wagtailcore_page"),
}


@pytest.fixture
def authors(import_lessons):
    import_lessons(lesson())
    everyone = people()
    written = shared(everyone["champion"], title="Huddles written together")
    CoAuthor.objects.create(lesson=written, user=everyone["member"])
    return everyone, written


def plan_of(queryset):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.mark.parametrize("who", ["champion", "member"])
def test_the_lessons_a_person_wrote_are_found_through_indexes(authors, who):
    everyone, written = authors
    lessons = LessonPage.objects.authored_by(everyone[who])
    assert list(lessons) == [written]
    listed = [found for group in lessons_by_status(everyone[who]).values() for found, _ in group]
    assert listed == [written]  # home and My lessons
    plan = plan_of(lessons.order_by("-latest_revision_created_at", "-pk"))
    reads = [read for read in WHOLE_TABLE_READS[connection.vendor] if read in plan]
    assert not reads, plan

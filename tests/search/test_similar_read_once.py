"""Similar lessons, found among narrowed candidates (lessons/candidates.py), are read with each
closeness worked out once (lessons.similarity._ranked): their score is summed from those
closenesses, not worked out again in SQL, where the database read each look-up of a criterion
(the applications of a team like the reader's, the lessons whose team had their training) a
second time. And the training look-up reads each team member's training once. The answers
themselves are compared with scoring every lesson in test_similar_narrowing."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.similarity import Context, similar_lessons
from tests.builders.lessons import applied, context, plain

QSIR = [{"role": "Matron", "years_experience": 9, "training": ["QSIR practitioner"]}]


def test_the_narrowed_lessons_are_read_with_each_closeness_once(import_lessons, settings):
    settings.SIMILAR_LESSONS_SCORED_ALL_UP_TO = 0  # narrowed however few the lessons
    import_lessons(
        plain(slug="a", title="Huddles", context=context(team=QSIR)),
        plain(slug="b", title="Briefings", context=context("community_trust")),
        plain(slug="c", title="Cafes", context=context("mental_health_trust", team=QSIR)),
    )
    applied("b", result="worked", organisation_type="acute_trust")
    reader = Context(organisation_type="acute_trust", training="QSIR", scale="department")
    with CaptureQueriesContext(connection) as captured:
        found = similar_lessons(AnonymousUser(), reader, limit=3)
    assert [item.lesson.slug for item in found] == ["a", "b", "c"]
    assert found[0].why[0].lower() == "same organisation type: acute trust"
    read = next(q["sql"] for q in captured if q["sql"].startswith('SELECT "wagtailcore_page"'))
    # Worked and partly worked: one look-up each, in the closeness column only.
    assert read.count('FROM "lessons_application"') == 2, read
    training = [q["sql"] for q in captured if 'FROM "lessons_teammember"' in q["sql"]]
    assert len(training) == 2  # the look-up, and the shown lessons' teams for the reasons

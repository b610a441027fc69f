"""An import indexes its lessons for search once, in bulk, after writing them (core/
search_bulk.py), rather than once for each of a lesson's saves; saves after it are indexed one
by one as before."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models import LessonPage
from tests.builders.lessons import lesson


def index_writes(queries):
    return [
        q["sql"]
        for q in queries
        if "modelsearch_indexentry" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_an_import_indexes_each_lesson_once_at_the_end(import_lessons, client):
    lessons = [lesson(slug=f"huddle-{n}", title=f"Quokka huddles {n}") for n in range(6)]
    import_lessons(lesson())  # the networks and indexes already there
    with CaptureQueriesContext(connection) as captured:
        import_lessons(*lessons)
    writes = index_writes(captured)
    # One write per lesson and index table (entries and their full-text rows), none per save.
    assert len(writes) <= 2 * len(lessons), len(writes)
    found = client.get("/search/?q=quokka").content.decode()
    assert all(f"/lessons/huddle-{n}/" in found for n in range(6))


def test_saves_after_an_import_are_indexed_again(import_lessons, client):
    import_lessons(lesson())
    page = LessonPage.objects.get(slug="discharge-huddles")
    page.title = "Wombat discharge huddles"
    page.save_revision().publish()
    assert "/lessons/discharge-huddles/" in client.get("/search/?q=wombat").content.decode()

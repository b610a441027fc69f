"""An import indexes its lessons for search once, in bulk, after writing them (core/
search_bulk.py), rather than once for each of a lesson's saves; saves after it are indexed one
by one as before."""

from contextlib import contextmanager

import django.tasks.signals

from django_tasks import signals as django_tasks_signals

from lessons.models import LessonPage
from tests.builders.lessons import lesson


@contextmanager
def lesson_index_tasks():
    """The tasks enqueued to index a lesson one by one (modelsearch's, on each save)."""
    enqueued = []

    def note(sender, task_result, **kwargs):
        task, args = task_result.task, task_result.args
        if task.name == "insert_or_update_object_task" and args[1] == "lessonpage":
            enqueued.append(args)

    signals = (django_tasks_signals.task_enqueued, django.tasks.signals.task_enqueued)
    for signal in signals:
        signal.connect(note)
    try:
        yield enqueued
    finally:
        for signal in signals:
            signal.disconnect(note)


def test_an_import_indexes_its_lessons_at_the_end_not_per_save(import_lessons, client):
    lessons = [lesson(slug=f"huddle-{n}", title=f"Quokka huddles {n}") for n in range(6)]
    import_lessons(lesson())  # the networks and indexes already there
    with lesson_index_tasks() as enqueued:
        import_lessons(*lessons)
    assert enqueued == []
    found = client.get("/search/?q=quokka").content.decode()
    assert all(f"/lessons/huddle-{n}/" in found for n in range(6))


def test_saves_after_an_import_are_indexed_again(import_lessons, client):
    import_lessons(lesson())
    page = LessonPage.objects.get(slug="discharge-huddles")
    page.title = "Wombat discharge huddles"
    with lesson_index_tasks() as enqueued:
        page.save_revision().publish()
    assert enqueued != []
    assert "/lessons/discharge-huddles/" in client.get("/search/?q=wombat").content.decode()

"""An import keeps what it writes a batch at a time, however long its file (issue 26: memory
bounded). Counted, not measured: what waits for its commit, Django's statement log with DEBUG
on, and the harvest records it brings up to date as it goes."""

from django.db import connection

import pytest

from api import harvest
from api.models import HarvestRecord
from core import page_cache
from home import site_tree as tree
from lessons.exchange.creating import BATCH
from lessons.models import LessonPage
from tests.builders.lessons import applied, document, lesson


def numbered(start, count):
    return [lesson(slug=f"kept-{n}", title=f"Kept {n}") for n in range(start, start + count)]


def waiting_for_commit():
    return len(connection.run_on_commit)


def test_what_waits_for_the_commit_does_not_grow_with_the_lessons(site_tree, settings):
    # With pages kept (as in production), each lesson published asks for a purge after the
    # commit: one callback for them all, not one per lesson held until the end.
    settings.PAGE_CACHE_SECONDS = 600
    before = waiting_for_commit()
    imported(numbered(0, 2))
    few = waiting_for_commit() - before
    imported(numbered(2, 20))
    assert waiting_for_commit() - before - few <= few


def test_one_purge_after_the_commit_covers_every_change_of_the_transaction(
    import_lessons, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    import_lessons(lesson())
    huddles = LessonPage.objects.get(slug="discharge-huddles")
    tags = [page_cache.PAGES, "applications"]
    with django_capture_on_commit_callbacks() as callbacks:
        applied("discharge-huddles")  # purges "applications"
        huddles.save_revision().publish()  # and "pages"
        before_commit = page_cache.versions(tags)
    for callback in callbacks:
        callback()
    after_commit = page_cache.versions(tags)
    assert all(after_commit[name] != before_commit[name] for name in tags)


def test_with_debug_on_the_statement_log_keeps_about_a_batch_not_the_whole_import(
    site_tree, settings
):
    settings.DEBUG = True  # development settings: Django logs every statement's text
    connection.queries_log.clear()
    imported(numbered(0, BATCH + 1))
    # At least one statement per lesson had been logged by the end (about 250); emptied after
    # each batch, only those since the last are left.
    assert len(connection.queries_log) < BATCH // 2


def test_harvest_records_brought_up_to_date_a_batch_at_a_time_are_those_of_one_go(
    site_tree, monkeypatch
):
    imported(numbered(0, 5))
    monkeypatch.setattr(harvest, "TOGETHER_BATCH", 2)  # five lessons, in batches of two
    imported(numbered(5, 5))
    kept = records()
    assert len(kept) == 10
    assert kept[:5] == kept[5:]


def records():
    """(deleted, sets) of each lesson's record, in the order of the lessons' numbers."""
    slugs = dict(LessonPage.objects.values_list("pk", "slug"))
    rows = HarvestRecord.objects.values_list("lesson_id", "deleted", "sets")
    return [row[1:] for row in sorted(rows, key=lambda row: int(slugs[row[0]].split("-")[1]))]


def imported(lessons):
    return tree.import_lessons(document(*lessons))


pytestmark = pytest.mark.django_db

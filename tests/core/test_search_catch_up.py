"""After an Elasticsearch outage the index catches up: what it missed is noted as it fails,
and `catch_up_search_index` (scheduled) adds it again once a backend answers, or removes what
was deleted meanwhile. Elasticsearch here is a closed port; the catching up is seen on the
database backend, whose index entries for the lesson are taken away first."""

import logging

from django.core.management import call_command
from django.test import override_settings

from wagtail.search.models import IndexEntry

import pytest

from core.models import SearchIndexBacklog
from core.search_catch_up import catch_up_now
from lessons.models import LessonPage
from tests.builders.lessons import lesson
from tests.builders.redis import free_port

DATABASE = {"BACKEND": "core.search_backend"}


def elasticsearch_down():
    return {
        "default": {
            "BACKEND": "core.search_backend.ElasticsearchBackend",
            "URLS": [f"http://127.0.0.1:{free_port()}"],  # nothing listens there
            "INDEX": "catch-up-test",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        },
        "database": DATABASE,
    }


def backlog_of(model):
    return set(
        SearchIndexBacklog.objects.filter(content_type__model=model._meta.model_name).values_list(
            "object_id", flat=True
        )
    )


@pytest.fixture
def published_while_down(import_lessons, caplog):
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_down()):
        import_lessons(lesson(slug="huddles", title="Safety huddles"))
    return LessonPage.objects.get(slug="huddles")


def test_publishing_while_elasticsearch_is_down_succeeds_and_notes_what_the_index_missed(
    published_while_down, caplog
):
    assert published_while_down.live
    assert str(published_while_down.pk) in backlog_of(LessonPage)
    assert any("search backend" in r.getMessage() for r in caplog.get_records("setup"))


def test_while_it_is_still_down_the_backlog_is_kept_and_the_log_says_how_far_behind(
    published_while_down, caplog
):
    behind = SearchIndexBacklog.objects.count()
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_down()):
        assert catch_up_now() == (0, behind)
    assert SearchIndexBacklog.objects.count() == behind
    assert any(
        r.levelno == logging.WARNING and "still behind" in r.getMessage() for r in caplog.records
    )


def test_once_a_backend_answers_the_index_catches_up_and_forgets_the_backlog(
    published_while_down, capsys
):
    lesson_page = published_while_down
    IndexEntry.objects.filter(object_id=str(lesson_page.pk)).delete()  # what the index missed
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE}):
        call_command("catch_up_search_index")  # the immediate backend runs the task at once
        assert SearchIndexBacklog.objects.count() == 0
        found = LessonPage.objects.live().search("huddles")
        assert [page.pk for page in found] == [lesson_page.pk]
        call_command("catch_up_search_index")
    out = capsys.readouterr().out
    assert "Catching up the search index:" in out and "up to date" in out

"""On PostgreSQL a search's full-text match can use the GIN indexes of the index entries' title
and body: it tests each of them, where testing the two joined (`title || body`) left no index
that could serve it, so every search read and joined every entry's vectors."""

import re

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.fulltext import match
from lessons.models import LessonPage
from tests.builders.lessons import plain

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text indexes"
)

ENTRY = '"wagtailsearch_indexentry"'


@pytest.fixture
def lessons(import_lessons):
    import_lessons(
        plain(slug="huddles", title="Evidence huddles on the ward"),
        plain(slug="cafe", title="A journal club", summary="A knowledge cafe for the board"),
        plain(slug="other", title="Discharge planning"),
    )


@pytest.mark.parametrize(("words", "tests"), [("huddles", 2), ("evidence cafe board", 8)])
def test_the_match_tests_the_title_and_the_body_each(lessons, words, tests):
    readable = LessonPage.objects.readable_by(AnonymousUser())
    with CaptureQueriesContext(connection) as captured:
        found = match(readable, words)
    assert found.ids
    statements = [q["sql"] for q in captured if "@@" in q["sql"]]
    assert len(statements) == 1  # the ranking and each word's matches, in one statement
    sql = statements[0]
    assert f'{ENTRY}."title" || ' not in sql
    # The match, and with several words each word's: on the title or the body, each indexed.
    title = len(re.findall(rf'{ENTRY}\."title" @@', sql))
    body = len(re.findall(rf'{ENTRY}\."body" @@', sql))
    assert (title, body) == (tests // 2, tests // 2)

"""On PostgreSQL a search's full-text match can use the indexes of the index entries' title and
body: it matches each of them, where matching the two joined (`title || body`) left no index
that could serve it, so every search read every entry's vectors."""

import json

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

from core.fulltext import match
from lessons.models import LessonPage
from tests.builders.lessons import plain

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text indexes"
)


@pytest.fixture
def lessons(import_lessons):
    import_lessons(
        plain(slug="huddles", title="Evidence huddles on the ward"),
        plain(slug="cafe", title="A journal club", summary="A knowledge cafe for the board"),
        plain(slug="other", title="Discharge planning"),
    )


def index_scans(sql):
    """The indexes a plan reads, planned as if sequential scans cost too much to choose."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found, nodes = set(), [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        if "Index Name" in node:
            found.add(node["Index Name"])
        nodes += node.get("Plans", [])
    return found


@pytest.mark.parametrize("words", ["huddles", "evidence cafe board"])
def test_the_match_can_use_the_title_and_body_indexes(lessons, words):
    readable = LessonPage.objects.readable_by(AnonymousUser())
    with CaptureQueriesContext(connection) as captured:
        found = match(readable, words)
    assert found.ids
    statements = [q["sql"] for q in captured if "@@" in q["sql"]]
    assert len(statements) == 1  # the ranking and each word's matches, in one statement
    indexes = index_scans(statements[0])
    assert any(name.endswith("_gin") and "title" in name for name in indexes), indexes
    assert any(name.endswith("_gin") and "body" in name for name in indexes), indexes

"""Expansion costs nothing measurable where the thesaurus has no entry, and little where it
has: SQLite scores an expanded match once per row, and a phrase that holds another of its
alternatives is not searched."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.fulltext import expand
from core.models import ThesaurusEntry
from tests.builders.lessons import plain


@pytest.fixture
def bulletins(db, import_lessons):
    ThesaurusEntry.objects.create(
        terms="quokka bulletin, wallaby letter, quokka bulletin weekly, wombat note", source="test"
    )
    import_lessons(plain(slug="bulletin", title="A quokka bulletin for ward staff"))
    yield
    from core import thesaurus

    thesaurus.forget()


def test_a_phrase_holding_another_alternative_is_not_searched(bulletins):
    assert expand("quokka bulletin")[0].phrases == (
        "quokka bulletin",
        "wallaby letter",
        "wombat note",
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 ranking")
def test_an_expanded_search_scores_each_match_once_per_field(bulletins, client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": "quokka bulletin"})
    assert response.status_code == 200
    ranked = [q["sql"] for q in captured.captured_queries if "bm25(" in q["sql"]]
    assert ranked, "the search ranked its matches"
    # One score for the title and one for the body, however many alternatives are searched.
    assert all(sql.count("bm25(") == 2 for sql in ranked)

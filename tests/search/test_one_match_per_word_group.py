"""A term and its synonyms are one full-text match: a search the thesaurus expands asks the
index as many times as the same words unexpanded, to find, rank and count the words each
result has, whatever the backend and however many synonyms a term brings."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core import thesaurus
from core.models import ThesaurusEntry
from tests.builders.accounts import make_site_editor
from tests.builders.lessons import plain

SYNONYMS = "quokka, wallaby, kangaroo joey, numbat note"
# What asks the full-text index: SQLite's MATCH and its score, PostgreSQL's @@ and its rank.
FULL_TEXT = ("MATCH", "bm25(", "@@", "ts_rank(")


@pytest.fixture
def quokkas(db, import_lessons):
    ThesaurusEntry.objects.create(terms=SYNONYMS, source="test")
    import_lessons(
        plain(slug="quokka", title="A quokka rota for ward huddles"),
        plain(slug="joey", title="A kangaroo joey handbook for ward huddles"),
        plain(slug="huddles", title="Ward huddles"),
    )
    yield
    thesaurus.forget()  # a test's edits are rolled back without signals


def full_text(client, url, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"q": query})
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    return {name: sql.count(name) for name in FULL_TEXT}, response


def without_thesaurus(client, url, query):
    ThesaurusEntry.objects.all().delete()
    thesaurus.forget()
    return full_text(client, url, query)


@pytest.mark.parametrize("url", ["/search/", "/api/lessons/search/"])
def test_an_expanded_search_asks_the_index_as_often_as_its_words_alone(quokkas, client, url):
    expanded, response = full_text(client, url, "quokka huddles")
    assert "kangaroo joey" in str(response.content), "the synonym was searched and found"
    plain_words, _ = without_thesaurus(client, url, "quokka huddles")
    assert any(plain_words.values()), "the search asked the full-text index"
    assert expanded == plain_words


def test_the_admin_search_asks_the_index_as_often_as_its_words_alone(quokkas, client):
    client.force_login(make_site_editor())
    expanded, response = full_text(client, "/admin/pages/search/", "quokka huddles")
    assert "kangaroo joey handbook" in response.content.decode()
    plain_words, _ = without_thesaurus(client, "/admin/pages/search/", "quokka huddles")
    assert expanded == plain_words


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ranking")
def test_each_word_group_is_ranked_once_per_field(quokkas, client):
    counted, _ = full_text(client, "/api/lessons/search/", "quokka huddles")
    # Two word groups ("quokka" with its three synonyms, "huddles"), title and body.
    assert counted["ts_rank("] == 2 * 2

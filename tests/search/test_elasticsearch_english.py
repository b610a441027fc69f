"""Elasticsearch as configured here (core.search_backend.ElasticsearchBackend), without a
server: the index reads and searches English word forms, and queries carry the thesaurus."""

import json
import socket

import pytest

from core.fulltext import expand, search_query
from core.search_backend import ENGLISH, ElasticsearchBackend
from lessons.models import LessonPage


@pytest.fixture
def backend():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens once the probe is closed
    return ElasticsearchBackend({"URLS": [f"http://127.0.0.1:{port}"], "INDEX": "test"})


def test_the_index_settings_define_the_english_analyser(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert "english_stemmer" in analysis["analyzer"][ENGLISH]["filter"]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}


def test_every_full_text_field_of_a_lesson_reads_english(backend):
    properties = backend.mapping_class(LessonPage).get_mapping()["properties"]
    text = {name: field for name, field in properties.items() if field.get("type") == "text"}
    assert text["_all_text"]["analyzer"] == ENGLISH
    summary = next(name for name in text if name.endswith("summary"))
    assert text[summary]["analyzer"] == ENGLISH
    # Autocompletion keeps its own edge n-grams.
    assert text["_edgengrams"]["analyzer"] == "edgengram_analyzer"


def test_the_compiled_query_carries_the_expansion(db, backend):
    compiled = backend.query_compiler_class(
        LessonPage.objects.all(), search_query(expand("A&E receptionists"))
    ).get_query()
    text = json.dumps(compiled)
    assert "match_phrase" in text and "emergency department" in text
    assert "care navigator" in text  # a synonym of "receptionists"


def test_typed_text_from_the_admin_is_expanded_too(db, backend):
    results = backend.search("DNs", LessonPage)  # never run: no server
    text = json.dumps(results.query_compiler.get_query())
    assert "district nurse" in text

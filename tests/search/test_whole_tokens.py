"""Tokens kept whole where the index keeps them ("3.12", "2.5 mg", an email address, a file
name), on every backend; a long query never loses words or an exclusion unsaid; a query with
no words still answers facet(), and search(None) matches everything."""

from modelsearch.query import And, Not, Or, PlainText
from wagtail.search.backends import get_search_backend

import pytest

from core.fulltext import clean_query
from lessons.models import LessonPage
from tests.builders.lessons import plain

LESSONS = {
    "python": "Upgrading the audit tool to Python 3.12",
    "wards": "Three wards, 3 teams and 12 beds on the unit",
    "dose": "A dose of 2.5 mg explained for ward staff",
    "doses": "Teaching 2 staff 5 doses in mg and ml",
    "email": "Write to jo.bloggs@nhs.net for the audit pack",
    "report": "Our annual report.pdf on discharge",
    "zebra": "Zebra crossings near the discharge lounge",
}


@pytest.fixture(scope="module")
def lessons(module_lessons):
    """Built once for the module, whose tests only search them."""
    module_lessons(*(plain(slug=slug, title=title) for slug, title in LESSONS.items()))


def slugs(client, query):
    response = client.get("/api/lessons/search/", {"q": query})
    assert response.status_code == 200
    found = {result["title"]: slug for slug, result in _titles(response)}
    return list(found.values())


def _titles(response):
    by_title = {title: slug for slug, title in LESSONS.items()}
    return [(by_title[r["title"]], r) for r in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("3.12", "python"),
        ("2.5 mg", "dose"),
        ("jo.bloggs@nhs.net", "email"),
        ("report.pdf", "report"),
    ],
)
def test_a_whole_token_finds_its_lesson_first_and_not_its_pieces_elsewhere(
    lessons, client, query, slug
):
    found = slugs(client, query)
    assert found[:1] == [slug]
    if query != "2.5 mg":  # "mg" alone is a word of its own
        assert found == [slug]


def test_words_run_together_beyond_twelve_are_cut_with_the_notice(db):
    words = ",".join(f"word{n}" for n in range(14))
    kept, notice = clean_query(words)
    assert notice == "Your search was long, so only its first 12 words were used."
    assert kept.endswith("word11")


def test_a_long_query_keeps_its_exclusion(lessons):
    words = ["discharge"] + [f"filler{n}" for n in range(40)]
    query = And([Or([PlainText(word) for word in words]), Not(PlainText("zebra"))])
    found = get_search_backend().search(query, LessonPage.objects.all())
    titles = {page.title for page in found}
    assert LESSONS["report"] in titles
    assert LESSONS["zebra"] not in titles


def test_a_query_with_no_words_still_has_facets(lessons):
    results = get_search_backend().search("the & of", LessonPage.objects.all())
    assert list(results) == []
    assert dict(results.facet("locale")) == {}


def test_searching_for_nothing_matches_everything(lessons):
    found = get_search_backend().search(None, LessonPage.objects.all())
    assert len(list(found)) == len(LESSONS)


def test_typed_text_wants_every_word_unless_asked_as_the_backends_own(lessons):
    backend, lessons = get_search_backend(), LessonPage.objects.all()
    assert {page.slug for page in backend.search("discharge zebra", lessons)} == {"zebra"}
    found = backend.search("discharge zebra", lessons, operator="or")
    assert {page.slug for page in found} == {"zebra", "report"}

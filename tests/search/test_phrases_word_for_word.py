"""A thesaurus phrase is matched word for word on every backend: on PostgreSQL the index
keeps the words English search drops ("after", "before"), so an after action review is not
found by a search for a before action review, nor the other way round."""

import pytest

from tests.builders.lessons import plain

LESSONS = {
    "after": "An after action review of the ward move",
    "before": "A before action review of the ward move",
}


@pytest.fixture
def reviews(import_lessons):
    import_lessons(*(plain(slug=slug, title=title) for slug, title in LESSONS.items()))


def found(client, query):
    response = client.get("/api/lessons/search/", {"q": query})
    assert response.status_code == 200
    by_title = {title: slug for slug, title in LESSONS.items()}
    return [by_title[result["title"]] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("AAR", ["after"]),
        ("after action review", ["after"]),
        ("BAR", ["before"]),
        ("before-action review", ["before"]),
    ],
)
def test_a_review_is_found_by_its_own_name_only(reviews, client, query, expected):
    assert found(client, query) == expected

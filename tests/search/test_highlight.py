"""Results mark the words they matched, synonyms and other word forms included, with the
text escaped."""

import pytest

from core.highlight import highlight
from tests.builders.lessons import plain


def test_words_other_forms_and_phrases_are_marked_and_the_rest_escaped():
    marked = highlight(
        "Huddles & <b>emergency   department</b> rehabilitation", ["huddle", "emergency department"]
    )
    assert marked == (
        "<mark>Huddles</mark> &amp; &lt;b&gt;<mark>emergency   department</mark>&lt;/b&gt; "
        "rehabilitation"
    )


def test_a_word_inside_another_is_not_marked():
    assert highlight("education and ED", ["ed"]) == "education and <mark>ED</mark>"


@pytest.fixture
def lessons(import_lessons):
    import_lessons(
        plain(
            slug="handover",
            title="Cutting handover delays in the emergency department",
            summary="Ambulance <handover> times fell.",
        )
    )


def test_site_search_marks_the_synonym_that_matched(lessons, client):
    response = client.get("/search/", {"q": "A&E"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>emergency department</mark>" in page
    assert "Ambulance &lt;handover&gt; times fell." in page

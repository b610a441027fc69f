"""Search does not demand every word: lessons with all the words come first, then those with
most of them; stop words are ignored and the rest still stemmed. On the real search backend
(SQLite FTS5, or PostgreSQL's full-text search with DATABASE_URL)."""

import pytest

from lessons.similarity import Context, similar_lessons
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson, plain

QUESTION = "how do I get evidence to discharge huddles"


@pytest.fixture(scope="module")
def lessons(module_lessons):
    module_lessons(
        lesson(),  # "Daily discharge huddles"
        plain(slug="all-three", title="Falls prevention audit with pharmacists", themes=[]),
        plain(slug="two", title="A falls audit on the wards", themes=[]),
        # One word only, but over and over: plain relevance would rank it first.
        plain(
            slug="one-loud",
            title="Falls, falls and falls again",
            summary="Falls. Falls on wards, falls at home, falls at night: falls.",
            themes=["falls"],
        ),
        plain(slug="unrelated", title="A knowledge cafe", themes=["show and tell", "doing well"]),
    )


def api(client, query):
    response = client.get("/api/lessons/search/", {"q": query})
    assert response.status_code == 200
    return response.json()


def order(client, query):
    return [result["slug"] for result in api(client, query)["results"]]


def test_a_question_in_plain_words_finds_the_lesson(lessons, client):
    assert order(client, QUESTION)[0] == "discharge-huddles"
    response = client.get("/search/", {"q": QUESTION})
    assert "Daily discharge huddles" in [lesson.title for lesson in response.context["result"].page]
    assert "Did you mean" not in response.content.decode()


def by_words(slugs):
    """The order as the reader sees it: each group of lessons with the same number of words,
    and within a group by relevance, which may differ between backends."""
    return slugs[:2], set(slugs[2:])


# "discharge-huddles" has one of the words: "One pharmacist per site".
ONE_WORD = {"one-loud", "discharge-huddles"}


def test_all_the_words_first_then_most_of_them_then_fewer(lessons, client):
    found = order(client, "falls audit pharmacists")
    assert by_words(found) == (["all-three", "two"], ONE_WORD)


def test_stop_words_do_not_count_and_words_are_still_stemmed(lessons, client):
    found = order(client, "what do the pharmacists say about audits of falls")
    assert by_words(found) == (["all-three", "two"], ONE_WORD)


def test_only_stop_words_find_nothing_and_say_why(lessons, client):
    body = api(client, "how do I")
    assert body["count"] == 0 and "very common words" in body["notice"]


@pytest.mark.parametrize(
    ("query", "stop_word"),
    [
        ("how xqzvw", "show"),  # "how" once suggested "show", from the tag "show and tell"
        ("doinf xqzvw", "doing"),  # a stop word in a tag is never offered
    ],
)
def test_did_you_mean_never_comes_from_or_offers_a_stop_word(lessons, client, query, stop_word):
    response = client.get("/search/", {"q": query})
    assert response.context["result"].count == 0
    assert stop_word not in response.context["hints"]


def test_similar_contexts_with_words_rank_all_the_words_first(lessons, client):
    reader = make_user("reader@example.nhs.uk")
    found = similar_lessons(reader, Context(q="falls audit pharmacists"))
    assert by_words([item.lesson.slug for item in found]) == (["all-three", "two"], ONE_WORD)
    response = client.get("/api/lessons/similar/", {"q": QUESTION})
    assert [r["slug"] for r in response.json()["results"]] == ["discharge-huddles"]
    only_stop_words = client.get("/api/lessons/similar/", {"q": "how do I"}).json()
    assert len(only_stop_words["results"]) == 5  # words that say nothing narrow nothing


@pytest.mark.parametrize(
    ("query", "said", "not_said"),
    [
        ("how do I", "very common words", "longer than"),
        ('"', "Search looks for words and numbers, and your search had none", "common words"),
        ("x" * 300, "Search leaves out words longer than 60 characters", "common words"),
        ("the " + "y" * 80, "very common words such as “how” and “the”, and words longer", "!"),
    ],
)
def test_a_search_with_nothing_to_look_for_says_what_happened(
    lessons, client, query, said, not_said
):
    body = api(client, query)
    assert body["count"] == 0
    assert said in body["notice"] and not_said not in body["notice"]
    html = client.get("/search/", {"q": query}).content.decode()
    assert said.replace("“", "&ldquo;") in html or said in html


def test_a_query_cut_to_its_first_characters_says_characters_not_words(lessons, client):
    body = api(client, "huddles " + "z" * 300)
    assert body["notice"] == "Your search was long, so only its first 200 characters were used."

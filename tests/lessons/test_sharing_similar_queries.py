"""The share form's "Check your answers" and "Related lessons" steps suggest the lessons most
like the draft (lessons.sharing.rules.similar_to): those about the same things, then those from
the closest contexts. Their queries are pinned: the ranking narrows its candidates in a few
queries (lessons/similarity.py) and what it looks up for the draft's context (the lessons
whose team had its training) is looked up once for both rankings."""

from django.db import connection

import pytest

from tests.builders.lessons import context, lesson
from tests.builders.sharing import people, shared, step, url


@pytest.fixture
def champion(import_lessons, client):
    team = [{"role": "Matron", "years_experience": 9, "training": ["QSIR practitioner"]}]
    import_lessons(
        lesson(),  # Daily discharge huddles: an acute trust in the South West
        lesson(slug="huddles-2", title="Safety huddles", context=context(team=team)),
        lesson(slug="cafe", title="A knowledge cafe", context=context("community_trust")),
        lesson(slug="bulletin", title="Current awareness", context=context("mental_health_trust")),
    )
    champion = people()["champion"]
    client.force_login(champion)
    return champion


def draft(champion, title):
    return shared(
        champion, title=title, organisation_type="acute_trust", region="south_west", scale="team"
    )


# (the draft's title, whether lessons match its words: then the ranking runs once)
TITLES = {"about the same things": "Huddles that stuck", "about nothing else": "Zebra crossings"}


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES)
@pytest.mark.parametrize(
    ("page", "queries"),
    # The lessons whose team had the draft's training, looked up once for both rankings; the
    # ranking of the lessons matching the title's words (few: scored all, in one query); a
    # look at whether all readable lessons are few (they are: scored all, in one query); each
    # ranking's lessons with their teams and maturity levels. On main at ed0ae33 the check
    # page of a draft about the same things made 31: no look-ups, but each ranking scored
    # every lesson, with a correlated subquery per lesson for the training and maturity.
    # Since 057dad5 (32, 29; 30, 27): the reader's networks are asked once for the title match
    # and both rankings, not once for each ranking, and a title no lesson's title matches is
    # not ranked at all; and the header's links and the request's site are kept per process
    # (core/routing.py: two fewer).
    [
        ("check", {"about the same things": 29, "about nothing else": 25}),
        ("related", {"about the same things": 27, "about nothing else": 23}),
    ],
)
def test_the_steps_that_suggest_similar_lessons_make_a_known_number_of_queries(
    champion, client, django_assert_num_queries, page, queries, title
):
    lesson_ = draft(champion, title)
    address = url("share_check", lesson_) if page == "check" else step(lesson_, "related")
    client.get(address)
    about = next(key for key, value in TITLES.items() if value == title)
    expected = queries[about]
    if connection.vendor == "postgresql":
        # Its full-text search tells which words each match has in the ranking query itself
        # (one query fewer than SQLite's), and finds the matching lessons in one query fewer.
        expected -= 2 if about == "about the same things" else 1
    with django_assert_num_queries(expected):
        response = client.get(address)
    assert response.status_code == 200
    assert "Daily discharge huddles" in response.content.decode()

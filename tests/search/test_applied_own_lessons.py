"""Reuse feeds ranking, with lessons of each test's own: tests/search/test_applied.py shares one
library across its module, and these need a site with nothing else on it."""

import pytest

from lessons.similarity import Context, similar_lessons
from tests.builders.accounts import make_user
from tests.builders.lessons import applied, context, lesson, plain
from tests.builders.pages import text_of
from tests.builders.search import api, order


def test_most_applied_keeps_relevance_for_ties(import_lessons, client):
    import_lessons(
        *[
            plain(slug=f"huddle-{n}", title=f"Huddle {'huddle ' * n}notes", summary="Huddles.")
            for n in range(1, 5)
        ]
    )
    by_relevance = order(api(client, "q=huddle"))
    assert len(by_relevance) == 4
    applied(by_relevance[-1], 2)  # the least relevant, applied most
    applied(by_relevance[2], 1)
    expected = [by_relevance[3], by_relevance[2], by_relevance[0], by_relevance[1]]
    assert order(api(client, "q=huddle&sort=applied")) == expected


def test_a_lesson_that_worked_for_a_team_like_the_readers_says_so_and_ranks_higher(import_lessons):
    twin = {"context": context("acute_trust", "london", "team"), "summary": "Twins."}
    import_lessons(
        plain(slug="tried", title="Tried", **twin), plain(slug="untried", title="Untried", **twin)
    )
    reader = make_user("reader@example.nhs.uk")

    def ranked(**given):
        return {
            item.lesson.slug: item
            for item in similar_lessons(
                reader, Context(organisation_type="community_trust", **given)
            )
        }

    before = ranked()
    assert before["tried"].score == before["untried"].score == 0

    applied("tried", result="worked", organisation_type="community_trust")
    applied("untried", result="worked", organisation_type="mental_health_trust")  # not alike
    after = ranked()
    assert after["tried"].why == ["worked for a community trust team like yours"]
    assert after["tried"].score == pytest.approx(0.15 / 0.40)  # of organisation type + this
    assert after["untried"].why == [] and after["untried"].score == 0
    assert list(after)[0] == "tried"


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        ("worked", "worked for a community trust team like yours"),
        ("partly", "partly worked for a community trust team like yours"),
        ("did_not_work", None),
        ("too_early", None),
        ("", None),
    ],
)
def test_only_a_result_that_worked_gives_the_reason(import_lessons, result, reason):
    import_lessons(plain(slug="tried", title="Tried", context=context("acute_trust")))
    applied("tried", result=result, organisation_type="community_trust")
    found = similar_lessons(
        make_user("reader@example.nhs.uk"), Context(organisation_type="community_trust")
    )
    assert found[0].why == ([reason] if reason else [])


def test_the_home_page_says_when_nothing_has_been_applied(import_lessons, client):
    import_lessons(lesson())
    text = text_of(client.get("/"))
    assert "Most applied" in text and "No team has said it applied a lesson yet." in text


def test_the_home_page_costs_the_same_however_many_lessons_were_applied(
    import_lessons, client, django_assert_max_num_queries
):
    import_lessons(*[lesson(slug=f"lesson-{n}", title=f"Lesson {n}") for n in range(8)])
    for n in range(8):
        applied(f"lesson-{n}", n + 1, result="worked")
    client.get("/")
    # 12, one for the case study of the month, one for the page metadata (whether Wagtail's
    # privacy setting hides the home page).
    with django_assert_max_num_queries(14):
        response = client.get("/")
    assert response.content.decode().count(">Learned</strong>") >= 5

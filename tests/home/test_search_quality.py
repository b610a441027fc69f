"""The question set staff-style searches are measured by, against the demo content."""

import io

from django.core.management import call_command

import pytest

from home import demo_content
from home.search_quality import precision, questions, recall
from lessons.models import LessonPage


@pytest.fixture(scope="module")
def demo(module_db):
    demo_content.load("a-demo-password-for-tests")
    call_command("update_index", verbosity=0)


def test_the_question_set_is_forty_questions_or_more_half_in_the_sectors_own_words(demo):
    asked = questions()["questions"]
    assert len(asked) >= 40
    assert sum(q["source"] != "lesson" for q in asked) >= len(asked) / 2
    assert len(questions()["precision"]) >= 10


def test_every_answer_is_a_live_demo_lesson(demo):
    named = {slug for q in questions()["questions"] for slug in q["answers"]}
    named |= {slug for q in questions()["precision"] for slug in q["relevant"]}
    live = set(LessonPage.objects.live().values_list("slug", flat=True))
    assert named <= live, named - live


def test_the_command_reports_recall_in_the_top_three_and_the_precision_check(demo):
    out = io.StringIO()
    call_command("search_quality", stdout=out)
    share, answered = recall()
    assert f"Recall in the top 3: {share:.0%} of {len(answered)} questions" in out.getvalue()
    assert f"Precision check: {sum(not c.added for c in precision())}/10" in out.getvalue()


def test_nine_in_ten_answers_are_in_the_top_three(demo):
    share, answered = recall()
    missed = [(a.q, a.top) for a in answered if not a.found]
    assert share >= 0.9, missed


def test_the_thesaurus_brings_no_irrelevant_lesson_into_a_top_three(demo):
    assert [(c.q, c.added) for c in precision() if c.added] == []

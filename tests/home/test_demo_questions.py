"""The demo's questions (home/demo_questions.py): one in a public and one in a members-only
network, with answers, a helpful mark and comments on a lesson; safe to load again."""

import io
import os

from django.core.management import call_command

import pytest

from home.demo_questions import load_questions
from questions.models import Answer, Comment, Question


@pytest.fixture(scope="module")
def demo(module_db):
    previous = os.environ.get("DEMO_PASSWORD")
    os.environ["DEMO_PASSWORD"] = "a-demo-password-for-tests"
    try:
        call_command("load_demo_content", stdout=io.StringIO())
    finally:
        if previous is None:
            del os.environ["DEMO_PASSWORD"]
        else:
            os.environ["DEMO_PASSWORD"] = previous


def test_the_demo_asks_a_public_and_a_members_only_network(demo, client):
    public, members_only = (
        Question.objects.get(network__slug="south-west-km"),
        Question.objects.get(network__slug="board-evidence-leads"),
    )
    assert public.helpful_answer is not None
    assert public.helpful_answer.lessons.exists()
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(members_only.get_absolute_url()).status_code == 404
    lesson = Comment.objects.get(parent=None).lesson
    assert "Did the ward sisters choose" in client.get(lesson.url).content.decode()


def test_loading_the_questions_again_changes_nothing(demo):
    before = (Question.objects.count(), Answer.objects.count(), Comment.objects.count())
    load_questions()
    assert (Question.objects.count(), Answer.objects.count(), Comment.objects.count()) == before

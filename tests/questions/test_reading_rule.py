"""Who may read a question: one rule (Question.objects.readable_by and is_readable_by, tested
equal), the network's sharing rule for a network's questions, signed-in members only for the
whole site, and hidden questions for their asker and moderators alone."""

import pytest

from questions import posting
from questions.models import Question
from tests.builders.accounts import make_site_editor
from tests.builders.questions import PLACES, READERS, ask, people

# (place, reader) -> may read
EXPECTED = {
    ("public", "anonymous"): True,
    ("public", "non_member"): True,
    ("public", "member"): True,
    ("public", "facilitator"): True,
    ("members", "anonymous"): False,
    ("members", "non_member"): False,
    ("members", "member"): True,
    ("members", "facilitator"): True,
    ("site", "anonymous"): False,
    ("site", "non_member"): True,
    ("site", "member"): True,
    ("site", "facilitator"): True,
}


@pytest.fixture(scope="module")
def questions(module_lessons, django_db_blocker):
    with django_db_blocker.unblock():
        module_lessons()
        who = people()
        asked = {place: ask(who["member"], place, title=f"Question in {place}") for place in PLACES}
        return who, asked


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("reader", READERS)
def test_a_question_is_read_as_its_place_shares(questions, place, reader):
    who, asked = questions
    user, question = who[reader], asked[place]
    in_queryset = Question.objects.readable_by(user).filter(pk=question.pk).exists()
    assert question.is_readable_by(user) is in_queryset is EXPECTED[place, reader]


@pytest.mark.parametrize("place", PLACES)
def test_a_hidden_question_is_read_only_by_its_asker_and_moderators(questions, place):
    who, asked = questions
    question = asked[place]
    moderator = who["facilitator"]
    if place == "site":
        moderator = make_site_editor()
    posting.hide(question, moderator, "Off topic")
    for reader, user in who.items():
        in_queryset = Question.objects.readable_by(user).filter(pk=question.pk).exists()
        expected = reader == "member" or (reader == "facilitator" and place != "site")
        assert question.is_readable_by(user) is in_queryset is expected, reader
    assert question.is_readable_by(moderator)


def test_only_facilitators_and_site_editors_moderate(questions):
    who, asked = questions
    for place, question in asked.items():
        for reader, user in who.items():
            expected = reader == "facilitator" and place != "site"
            in_queryset = Question.objects.moderated_by(user).filter(pk=question.pk).exists()
            assert question.is_moderated_by(user) is in_queryset is expected, (place, reader)

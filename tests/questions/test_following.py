"""Questions and following (core/follows.py): new questions in a followed network or theme
reach members through their preferences; the asker and those who answered follow the question
and hear of its new answers; nothing is emailed twice, and nothing to anyone who may not read
it."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from following import digests
from following.models import Follow, NotificationPreference
from network.models import NetworkPage
from questions import posting
from tests.builders.network import make_member
from tests.builders.questions import ask


@pytest.fixture
def networks(import_lessons):
    import_lessons()
    return {network.slug: network for network in NetworkPage.objects.all()}


def immediate(user):
    NotificationPreference.choose(user, "immediate")
    return user


def test_a_new_question_in_a_followed_network_is_emailed_at_once_and_once(
    networks, django_capture_on_commit_callbacks
):
    follower = immediate(make_member("board-leads", "follower@example.nhs.uk"))
    Follow.start(follower, "network", networks["board-leads"])
    asker = make_member("board-leads", "asker@example.nhs.uk")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(asker, "members", title="Board papers: how short?")
    assert [m.to[0] for m in mail.outbox] == ["follower@example.nhs.uk"]
    assert "Board papers: how short?" in mail.outbox[0].body
    week_ago = timezone.now() - datetime.timedelta(days=7)
    assert digests.new_items(follower, since=week_ago) == []  # sent already
    assert question in [f.target for f in Follow.objects.filter(follower=asker)]


def test_the_asker_and_the_answerers_hear_of_new_answers_but_not_of_their_own(
    networks, django_capture_on_commit_callbacks
):
    asker = immediate(make_member("south-west-km", "asker@example.nhs.uk"))
    first = immediate(make_member("south-west-km", "first@example.nhs.uk"))
    second = make_member("south-west-km", "second@example.nhs.uk")
    question = ask(asker)
    with django_capture_on_commit_callbacks(execute=True):
        posting.answer(question, first, "Start with one ward.")
    assert [m.to[0] for m in mail.outbox] == ["asker@example.nhs.uk"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting.answer(question, second, "Ask the consultants what time suits.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "asker@example.nhs.uk",
        "first@example.nhs.uk",
    ]


def test_a_hidden_question_is_news_to_nobody(networks):
    follower = make_member("south-west-km", "follower@example.nhs.uk")
    Follow.start(follower, "network", networks["south-west-km"])
    question = ask(make_member("south-west-km", "asker@example.nhs.uk"))
    facilitator = make_member("south-west-km", "fay@example.nhs.uk", role="facilitator")
    posting.hide(question, facilitator, "Spam")
    week_ago = timezone.now() - datetime.timedelta(days=7)
    assert digests.new_items(follower, since=week_ago) == []

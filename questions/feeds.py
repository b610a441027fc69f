"""The feed of questions: /feeds/questions/ and its atom/ and json/ forms. Feeds are read
without signing in, so it lists what anyone may read (Question.objects.public()): questions
to public networks, never those to members-only networks or to the whole site."""

from core.addresses import absolute_url
from core.feeds import FEED_LENGTH, Entry, EntryFeed
from questions.models import Question

QUESTIONS_FEED = "questions_feed"


class QuestionsFeed(EntryFeed):
    title = "Questions to the network"
    description = "Questions members have asked in public networks."

    def link(self):
        return absolute_url("/questions/")

    def items(self):
        questions = Question.objects.public().select_related("network")[:FEED_LENGTH]
        return [question_entry(question) for question in questions]


def question_entry(question):
    return Entry(
        title=question.title,
        url=question.full_url,
        summary=question.body,
        published=question.created_at,
        updated=None,
        kind="question",
    )

"""Questions may be followed (core/follows.py): the asker and everyone who answered follow
their question and hear of its new answers; members who follow a network or a theme hear of
new questions in it. Every item goes through the read rule (Question.objects.readable_by), so
nobody hears of a question they may not read, nor of a hidden one."""

from django.urls import reverse

from core.follows import ItemKind, Kind, News
from questions.models import Answer, Question


def questions_in_networks(reader, networks, window):
    by_pk = {network.pk: network for network in networks}
    questions = Question.objects.readable_by(reader).filter(
        network__in=list(by_pk), hidden_at__isnull=True
    )
    for question in window.filter(questions):
        yield question, by_pk[question.network_id]


def questions_in_themes(reader, themes, window):
    by_pk = {theme.pk: theme for theme in themes}
    questions = Question.objects.readable_by(reader).filter(
        themes__in=list(by_pk), hidden_at__isnull=True
    )
    for question in window.filter(questions.distinct()).prefetch_related("themes"):
        for theme in question.themes.all():
            if theme.pk in by_pk:
                yield question, by_pk[theme.pk]


def answers_to(reader, questions, window):
    by_pk = {question.pk: question for question in questions}
    readable = Question.objects.readable_by(reader).filter(pk__in=list(by_pk))
    answers = Answer.objects.filter(question__in=readable, hidden_at__isnull=True)
    for answer in window.filter(answers).exclude(author=reader.pk).select_related("question"):
        yield answer, by_pk[answer.question_id]


QUESTIONS = Kind(
    name="question",
    model=Question,
    followable=lambda user: Question.objects.readable_by(user),
    may_follow=lambda user, question: question.is_readable_by(user),
    order=50,
    plural="questions",
    none_followed="You do not follow any questions.",
    browse="Browse questions",
    browse_url=lambda request: reverse("questions:index"),
    reason=lambda question: f"the question “{question.title}”",
    url=lambda question: question.get_absolute_url(),
    hidden_name="this question",
    hidden_entry="A question you can no longer read",
)
QUESTION_ITEMS = ItemKind(
    model=Question,
    noun="question",
    plural="questions",
    template="questions/email/question.txt",
    order=50,
    published="created_at",
)
ANSWER_ITEMS = ItemKind(
    model=Answer,
    noun="answer",
    plural="answers",
    template="questions/email/answer.txt",
    order=55,
    published="created_at",
)
QUESTIONS_IN_NETWORKS = News(
    kind="network",
    model=Question,
    items=questions_in_networks,
    sources=lambda question: [question.network_id] if question.network_id else [],
)
QUESTIONS_IN_THEMES = News(
    kind="theme",
    model=Question,
    items=questions_in_themes,
    sources=lambda question: question.themes.values("pk"),
)
ANSWERS_TO_QUESTIONS = News(
    kind="question",
    model=Answer,
    items=answers_to,
    sources=lambda answer: [answer.question_id],
)

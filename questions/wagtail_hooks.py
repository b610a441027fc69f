"""What questions adds to the pages of the apps below it: comments under a lesson
(lessons.sections.LESSON_PAGE), shown only to those who may read the lesson; and a network's
latest questions on its page (network.sections.NETWORK_PAGE)."""

from wagtail import hooks

from core import page_cache
from lessons.sections import LESSON_PAGE
from network.cache_dependencies import PEOPLE
from network.models.people import named_for
from network.sections import FACILITATOR_CARD, NETWORK_PAGE, Section
from questions import posting
from questions.cache_dependencies import QUESTIONS
from questions.forms import CommentForm
from questions.models import Comment, Question, Report

NETWORK_QUESTIONS = 5


@hooks.register(LESSON_PAGE)
def comments_on_a_lesson(request, lesson):
    page_cache.tag(request, QUESTIONS, PEOPLE)  # shown or not, a comment changes the page
    user = request.user
    if not lesson.is_readable_by(user):
        return None
    moderates = Comment.may_be_moderated_by(user, lesson, request)
    comments = list(
        Comment.objects.readable_by(user, lesson, moderates).order_by("created_at", "pk")
    )
    people = named_for(user, [c.author_id for c in comments], lesson.network)
    for comment in comments:
        comment.named = people[comment.author_id]
    top = [c for c in comments if c.parent_id is None]
    for comment in top:
        comment.shown_replies = [c for c in comments if c.parent_id == comment.pk]
    return Section(
        "questions/sections/lesson_comments.html",
        {
            "lesson": lesson,
            "comments": top,
            "form": CommentForm() if user.is_authenticated else None,
            "moderates": moderates,
        },
    )


@hooks.register(NETWORK_PAGE)
def questions_to_a_network(request, network):
    """The network's latest questions, for whoever the network shares its content with (the
    read rule says so: none for anyone else)."""
    page_cache.tag(request, QUESTIONS, PEOPLE)  # shown or not, a question changes the page
    questions = list(
        Question.objects.readable_by(request.user).filter(network=network)[:NETWORK_QUESTIONS]
    )
    for question in questions:  # each names its place: this network, not read again for each
        question.network = network
    may_ask = posting.may_ask_in(request.user, network, request)
    if not questions and not may_ask:
        return None
    return Section(
        "questions/sections/network_questions.html",
        {"network": network, "questions": questions, "may_ask": may_ask},
    )


@hooks.register(FACILITATOR_CARD)
def reported_posts(request, network):
    """On the facilitators' card: the posts members reported, waiting for them."""
    waiting = Report.objects.waiting_for(request.user).count()
    if not waiting:
        return None
    return Section("questions/sections/facilitator_reports.html", {"waiting": waiting})

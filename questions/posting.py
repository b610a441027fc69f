"""Everything that changes a question, an answer or a comment: the one place each event
happens, which every view, the demo loader and the tests call.

Each check raises PermissionDenied, which the views answer with 403 (or 404, where even knowing
the post exists is too much). Emails go after the transaction commits. Posting, hiding,
restoring and marking save a registered model, which purges every cached page that shows it
(questions/cache_dependencies.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from following import tasks as following_tasks
from following.models import Follow
from lessons.models import LessonPage
from lessons.sharing import rules as sharing
from network.models import Profile, ResourcePage, networks_joined
from questions import tasks
from questions.models import Answer, Comment, Question, Report, UsefulMark


def _may_post(user):
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied("Sign in to post.")


def may_ask_in(user, network, request=None):
    """Whether this person may ask a question in this network (None: the whole site): one they
    belong to. `request`: the one being answered for `user`, which keeps their networks
    (network.models.networks_joined)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if network is None:
        return True
    return network.live and network.pk in networks_joined(user, request)


def ask(asker, *, title, body, network=None, themes=(), context_for_lesson=False, **context):
    """A member asks a network they belong to, or the whole site. They follow their question."""
    _may_post(asker)
    if not may_ask_in(asker, network):
        raise PermissionDenied("You can ask only networks you belong to, or the whole site.")
    with transaction.atomic():
        question = Question.objects.create(
            author=asker,
            network=network,
            title=title,
            body=body,
            context_for_lesson=context_for_lesson,
            **context,
        )
        question.themes.set(list(themes))
        Follow.start(asker, "question", question)
        following_tasks.announce(question)
    return question


def answer(question, author, body, *, lessons=(), resources=(), people=()):
    """Any member who may read the question answers it; links go only to what the answerer
    may read themselves, and people only whose profiles they may see. They follow the
    question from then on."""
    _may_post(author)
    if not question.is_readable_by(author) or question.is_hidden:
        raise PermissionDenied("You cannot answer this question.")
    readable = LessonPage.objects.readable_by(author).filter(pk__in=[x.pk for x in lessons])
    shared = ResourcePage.objects.readable_by(author).filter(pk__in=[x.pk for x in resources])
    shown = Profile.objects.visible_to(author).filter(pk__in=[x.pk for x in people])
    with transaction.atomic():
        reply = Answer.objects.create(question=question, author=author, body=body)
        reply.lessons.set(list(readable))
        reply.resources.set(list(shared))
        reply.people.set(list(shown))
        Follow.start(author, "question", question)
        following_tasks.announce(reply)
    return reply


def mark_helpful(question, answer, by):
    """The asker marks the one answer that helped (marking another moves the mark)."""
    if by.pk != question.author_id or answer.question_id != question.pk or answer.is_hidden:
        raise PermissionDenied("Only the person who asked can mark the answer that helped.")
    question.helpful_answer = answer
    question.save(update_fields=["helpful_answer"])


def mark_useful(answer, by):
    """Anyone else who may read the answer marks it useful, once."""
    _may_post(by)
    if answer.author_id == by.pk or not answer.question.is_readable_by(by):
        raise PermissionDenied("You cannot mark this answer useful.")
    try:
        with transaction.atomic():
            UsefulMark.objects.get_or_create(answer=answer, user=by)
    except IntegrityError:  # the same mark saved meanwhile by another request
        pass


def may_turn_into_a_lesson(answer, user):
    """Only the author of the answer that helped the asker, while it is shown."""
    question = answer.question
    return (
        user.is_authenticated
        and answer.author_id == user.pk
        and question.helpful_answer_id == answer.pk
        and not answer.is_hidden
        and question.is_readable_by(user)
        and sharing.may_share(user)
    )


def turn_into_a_lesson(answer, by):
    """A draft lesson in the share form, pre-filled from the answer (and from the question's
    context only if the asker agreed), owned by the answer's author: the share form's own rule
    lets only its authors open it. Asked again, the same draft."""
    if not may_turn_into_a_lesson(answer, by):
        raise PermissionDenied("Only the author of the answer that helped can do this.")
    if answer.lesson_draft_id and LessonPage.objects.filter(pk=answer.lesson_draft_id).exists():
        return answer.lesson_draft
    question = answer.question
    network = question.network
    if network is not None and not sharing.may_share_with(by, network):
        network = None
    with transaction.atomic():
        draft = sharing.start(
            by,
            kind="lesson",
            title=question.title[:255],
            summary=answer.body[:1000],
            network=network,
        )

        def fill(version):
            version.intended = question.body
            version.what_happened = answer.body
            if question.context_for_lesson:
                version.organisation_type = question.organisation_type
                version.region = question.region
                version.setting = question.setting

        sharing.save_step(draft, fill, by)
        answer.lesson_draft = draft
        answer.save(update_fields=["lesson_draft"])
    return draft


def comment(lesson, author, body, parent=None, notify=True):
    """A member who may read the lesson comments on it, or asks its authors a question; the
    authors and co-authors are told (following's preferences decide whether by email), unless
    `notify` is False (the demo's old comments)."""
    _may_post(author)
    if not lesson.is_readable_by(author):
        raise PermissionDenied("You cannot comment on this lesson.")
    if parent is not None and (parent.lesson_id != lesson.pk or parent.is_hidden):
        raise PermissionDenied("You cannot reply to that comment.")
    with transaction.atomic():
        posted = Comment.objects.create(lesson=lesson, author=author, body=body, parent=parent)
        if notify:
            transaction.on_commit(lambda: tasks.email_comment_to_authors.enqueue(posted.pk))
    return posted


def report(post, by, reason):
    """A member who may read a post reports it to its moderators (once)."""
    _may_post(by)
    report, _ = Report.objects.get_or_create(
        content_type_id=_content_type_id(post),
        object_id=post.pk,
        reporter=by,
        defaults={"reason": reason},
    )
    return report


def hide(post, by, reason):
    """A moderator hides a post, saying why (its author sees the reason). Its replies go with
    it: a hidden question's answers, a hidden comment's replies."""
    if not post.is_moderated_by(by):
        raise PermissionDenied("Only the post's moderators can hide it.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are hiding this."})
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), by, reason.strip()
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _resolve_reports(post)


def restore(post, by):
    if not post.is_moderated_by(by):
        raise PermissionDenied("Only the post's moderators can restore it.")
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _resolve_reports(post)


def _resolve_reports(post):
    Report.objects.filter(
        content_type_id=_content_type_id(post), object_id=post.pk, resolved_at__isnull=True
    ).update(resolved_at=timezone.now())


def _content_type_id(post):
    return ContentType.objects.get_for_model(post).pk

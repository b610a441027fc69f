"""Questions to the network, their answers, and comments on lessons.

Who may read a question is one rule, in one home: `Question.objects.readable_by(user)` for many
and `Question.is_readable_by(user)` for one (tested equal). A network's questions follow the
network's sharing rule (`NetworkPage.objects.sharing_content_with`: public networks' for anyone,
members-only networks' for their members); questions to the whole site are for signed-in
members only. A hidden question is seen only by its asker (with the reason) and by those who
moderate it. Answers are read with their question; comments with their lesson
(`LessonPage.objects.readable_by`). Every surface (pages, listings, search, suggestions, feeds,
digests, the sitemap, the API: questions/surfaces.py) asks these.

Who moderates a post is one rule too: a network's facilitators (site editors among them, as
`NetworkPage.objects.facilitated_by` says), and site editors for whole-site questions and for
comments on lessons without a network.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse

from modelsearch import index

from accounts.roles import is_site_editor
from core.addresses import absolute_url
from core.vocabulary import OrganisationType, Region
from lessons.models import LessonPage
from network.models import NetworkPage, facilitates

TITLE_LENGTH = 200
BODY_LENGTH = 5000
REASON_LENGTH = 500


def _active(user):
    return bool(user.is_authenticated and user.is_active)


class Post(models.Model):
    """What a question, an answer and a comment share: who wrote it, its text (plain text,
    links shown as links), and whether a moderator hid it and why (which its author sees)."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=BODY_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=REASON_LENGTH, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class QuestionQuerySet(models.QuerySet):
    def shared_with(self, user):
        """The questions whose place (their network, or the whole site) this person may read,
        hidden or not."""
        rule = Q(network__in=NetworkPage.objects.sharing_content_with(user).values("pk"))
        if _active(user):
            rule |= Q(network__isnull=True)
        return self.filter(rule)

    def moderated_by(self, user):
        """The questions this person may hide and restore (Question.is_moderated_by, tested
        equal): their networks' as a facilitator, every one as a site editor."""
        if not _active(user):
            return self.none()
        if is_site_editor(user):
            return self.all()
        return self.filter(network__in=NetworkPage.objects.facilitated_by(user).values("pk"))

    def readable_by(self, user):
        """The questions this person may read: shared with them, and not hidden unless they
        asked it or moderate it. Every surface asks this (or Question.is_readable_by)."""
        shown = Q(hidden_at__isnull=True)
        if _active(user):
            shown |= Q(author=user) | Q(pk__in=self.moderated_by(user).values("pk"))
        return self.shared_with(user).filter(shown)

    def public(self):
        """What anyone may read, signed in or not: for feeds and the sitemap."""
        return self.readable_by(AnonymousUser())


class Question(index.Indexed, Post):
    network = models.ForeignKey(
        NetworkPage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text="Leave empty to ask the whole site (signed-in members only).",
    )
    title = models.CharField(max_length=TITLE_LENGTH)
    # The asker's context, from their profile and editable when asking.
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    setting = models.CharField(max_length=255, blank=True)
    themes = models.ManyToManyField("themes.ThemePage", blank=True, related_name="questions")
    # Whether the helpful answer's author may start a lesson with the question's context.
    context_for_lesson = models.BooleanField(default=False)
    helpful_answer = models.OneToOneField(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("network_id"),
    ]

    class Meta(Post.Meta):
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("questions:question", args=[self.pk])

    @property
    def full_url(self):
        return absolute_url(self.get_absolute_url())

    @property
    def place(self):
        return self.network.title if self.network_id else "the whole site"

    def is_shared_with(self, user):
        """The rule of QuestionQuerySet.shared_with, for this one question."""
        if self.network_id is None:
            return _active(user)
        return self.network.shares_content_with(user)

    def is_moderated_by(self, user):
        """The rule of QuestionQuerySet.moderated_by, for this one question."""
        if not _active(user):
            return False
        if self.network_id is None:
            return is_site_editor(user)
        return self.network.is_facilitated_by(user)

    def is_readable_by(self, user):
        """The rule of QuestionQuerySet.readable_by, for this one question (tested equal)."""
        if not self.is_shared_with(user):
            return False
        if not self.is_hidden:
            return True
        return _active(user) and (self.author_id == user.pk or self.is_moderated_by(user))

    def answers_for(self, user):
        """The answers this person may read (they may read the question): hidden ones only
        for their author and the question's moderators."""
        answers = self.answers.select_related("author__profile")
        if self.is_moderated_by(user):
            return answers
        shown = Q(hidden_at__isnull=True)
        if _active(user):
            shown |= Q(author=user)
        return answers.filter(shown)


class Answer(Post):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    lessons = models.ManyToManyField(LessonPage, blank=True, related_name="+")
    resources = models.ManyToManyField("network.ResourcePage", blank=True, related_name="+")
    people = models.ManyToManyField("network.Profile", blank=True, related_name="+")
    # The lesson its author started from it ("turn this into a lesson"), once.
    lesson_draft = models.ForeignKey(
        LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"An answer to “{self.question}”"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"

    @property
    def full_url(self):
        return absolute_url(self.get_absolute_url())

    def is_moderated_by(self, user):
        return self.question.is_moderated_by(user)


class UsefulMark(models.Model):
    """A member found an answer useful (one mark per member and answer)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "user"], name="mark_an_answer_useful_once")
        ]

    def __str__(self):
        return f"{self.user} found {self.answer} useful"


class CommentQuerySet(models.QuerySet):
    def readable_by(self, user, lesson, moderates=None):
        """The comments on this lesson that this person may read (they may read the lesson):
        not hidden, nor replying to a hidden one, unless they moderate them; their own, with
        the reason, when hidden. `moderates`: Comment.may_be_moderated_by, when known."""
        comments = self.filter(lesson=lesson)
        if moderates is None:
            moderates = Comment.may_be_moderated_by(user, lesson)
        if moderates:
            return comments
        shown = Q(hidden_at__isnull=True, parent__hidden_at__isnull=True)
        if _active(user):
            shown |= Q(author=user)
        return comments.filter(shown)


class Comment(Post):
    """A comment on a lesson, or a question to its authors; a reply has a parent."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )

    objects = CommentQuerySet.as_manager()

    def __str__(self):
        return f"A comment on “{self.lesson.title}”"

    def get_absolute_url(self):
        return f"{self.lesson.url}#comment-{self.pk}"

    @staticmethod
    def may_be_moderated_by(user, lesson, request=None):
        """The lesson's network's facilitators; site editors for a lesson without a network.
        `request`: the one being answered for `user` (network.models.facilitates)."""
        if not _active(user):
            return False
        if lesson.network_id is None:
            return is_site_editor(user)
        return facilitates(user, lesson.network_id, request)

    def is_moderated_by(self, user):
        return Comment.may_be_moderated_by(user, self.lesson)


class ReportQuerySet(models.QuerySet):
    def waiting_for(self, user):
        """Unresolved reports of the posts this person moderates (Post.is_moderated_by)."""
        questions = Question.objects.moderated_by(user)
        if not _active(user):
            return self.none()
        if is_site_editor(user):
            comments = Comment.objects.all()
        else:
            facilitated = NetworkPage.objects.facilitated_by(user).values("pk")
            comments = Comment.objects.filter(lesson__network__in=facilitated)
        of = ContentType.objects.get_for_model
        rule = (
            Q(content_type=of(Question), object_id__in=questions.values("pk"))
            | Q(
                content_type=of(Answer),
                object_id__in=Answer.objects.filter(question__in=questions).values("pk"),
            )
            | Q(content_type=of(Comment), object_id__in=comments.values("pk"))
        )
        return self.filter(rule, resolved_at__isnull=True)


class Report(models.Model):
    """A member reports a post to its moderators."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=REASON_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="report_a_post_once"
            )
        ]

    def __str__(self):
        return f"A report by {self.reporter}: {self.reason}"

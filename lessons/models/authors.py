"""Who wrote a lesson: its champion (the page's owner, who started it) and the co-authors the
champion adds. Every rule that names "the author" asks this one, in a queryset form
(LessonPageQuerySet.authored_by) and a form for one lesson (Authorship, mixed into LessonPage),
tested equal: who may open and change the draft in the form and submit it, whose "My lessons"
lists it, who never reviews it, whom the emails about it go to.

Co-authors are not part of a lesson's content: adding one applies at once, not when a revision
is published, so they are rows of their own, not in the lesson's revisions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from wagtail.models import Page


class CoAuthor(models.Model):
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="co_author_links"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_authorships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "user"], name="one_co_authorship_each")
        ]

    def __str__(self):
        return f"{self.user} co-authors {self.lesson}"


def authored_by(user):
    """The rule, as a filter on lessons: this person is its champion or a co-author."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    # One look-up by primary key over the union of two indexed look-ups: an OR of the owner
    # (a column of Wagtail's page) and the co-authors read every lesson instead.
    owned = Page.objects.filter(owner=user.pk).values("pk")
    co_authored = CoAuthor.objects.filter(user=user.pk).values("lesson")
    return Q(pk__in=owned.union(co_authored, all=True))


class Authorship:
    """The author rule for one lesson (LessonPage's)."""

    def is_author(self, user):
        """The rule of LessonPageQuerySet.authored_by, for this one lesson."""
        if not user.is_authenticated:
            return False
        if self.owner_id == user.pk:
            return True
        return CoAuthor.objects.filter(lesson=self.pk, user=user.pk).exists()

    def authors(self):
        """The champion and the co-authors, as people (the champion first where it matters:
        order_by is left to the caller)."""
        co_authors = CoAuthor.objects.filter(lesson=self.pk).values("user")
        return get_user_model().objects.filter(Q(pk=self.owner_id) | Q(pk__in=co_authors))

    def co_authors(self):
        return (
            get_user_model()
            .objects.filter(co_authorships__lesson=self.pk)
            .order_by("co_authorships__added_at")
        )

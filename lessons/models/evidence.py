"""Evidence files: a huddle log, a poster or a Board paper kept with a lesson, stored and served
through core/private_files.py. Who may open one is one rule (EvidenceFile.objects.openable_by):
whoever may read the lesson, or may edit it (its authors: champion and co-authors), or may
review it. So a draft's files reach its authors and reviewers and nobody else, and a
members-only lesson's files never reach non-members. Like co-authors, the files are rows of
their own, not part of the lesson's revisions: an upload is there at once."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.private_files import private_storage
from lessons.models.pages import LessonPage


class EvidenceFileQuerySet(models.QuerySet):
    def openable_by(self, user):
        """The evidence files this person may open: of lessons they may read, wrote, or may
        review. The private-file view asks it (EvidenceFile.is_openable_by for one file)."""
        lessons = LessonPage.objects
        rule = Q(lesson__in=lessons.readable_by(user).values("pk"))
        rule |= Q(lesson__in=lessons.authored_by(user).values("pk"))
        rule |= Q(lesson__in=lessons.reviewable_by(user).values("pk"))
        return self.filter(rule)


class EvidenceFile(models.Model):
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="evidence_files"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="evidence/", storage=private_storage)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title

    def is_openable_by(self, user):
        """The rule of EvidenceFileQuerySet.openable_by, for this one file."""
        lesson = self.lesson
        return (
            lesson.is_readable_by(user) or lesson.is_author(user) or lesson.is_reviewable_by(user)
        )

"""The similar lessons a lesson's page shows, worked out once per lesson and audience rather
than on every view (lessons/similar_box.py says when they are used and refreshed)."""

from django.db import models

from lessons.models.pages import LessonPage


class SimilarityGeneration(models.Model):
    """One row: a number raised, in the same transaction, by every change that could change any
    lesson's similar lessons. A stored box is used only while its number is the current one,
    so a box is never older than the last committed change. A counter row rather than a
    timestamp: its update waits for any other change's commit, so numbers follow commits."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"similarity generation {self.number}"


class SimilarBox(models.Model):
    """A lesson's similar lessons for everyone who belongs to the same networks."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    # The networks its readers belong to: their ids in order, comma-separated; "" for readers
    # in none (signed out included). Members-only lessons of these networks are in the box.
    audience = models.TextField(blank=True)
    generation = models.PositiveBigIntegerField()
    # [[lesson id, score, [reasons in words]], ...], best first (lessons.similarity.Similar).
    ranked = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "audience"], name="one_similar_box_each")
        ]
        indexes = [models.Index(fields=["generation"], name="similar_box_generation")]

    def __str__(self):
        return f"similar lessons of lesson {self.lesson_id} for networks [{self.audience}]"

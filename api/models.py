"""What the OAI-PMH repository has shown: one row for each lesson that has ever been
harvestable, kept by signals (api/signals.py), so that a lesson deleted, unpublished, made
members-only, or whose network became members-only, is still answered as a deleted record
(Identify's deletedRecord=persistent), and a harvest "from" a date finds every change."""

from django.db import models


class HarvestRecord(models.Model):
    # Not a foreign key: the record outlives the lesson it was about.
    lesson_id = models.PositiveIntegerField(unique=True)
    changed_at = models.DateTimeField(db_index=True)  # the record's OAI datestamp
    deleted = models.BooleanField(default=False)
    # The sets it was in when last shown (" kind:lesson outcome:qiof-2 "), so that a
    # deleted record is still found by the set it was harvested from.
    sets = models.TextField(default=" ")

    class Meta:
        ordering = ["changed_at", "lesson_id"]

    def __str__(self):
        return f"lesson/{self.lesson_id}{' (deleted)' if self.deleted else ''}"

    @property
    def set_specs(self):
        return self.sets.split()

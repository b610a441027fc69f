from django.db import models


class SearchQuery(models.Model):
    """How often a query was searched on a day, and how often it found nothing."""

    query = models.CharField(max_length=200)
    day = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    without_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="one_row_per_query_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"“{self.query}” on {self.day}: {self.searches}"

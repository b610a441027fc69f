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


class MemberSearch(models.Model):
    """A member of a network searched for a query on a day. The searcher is a keyed hash of
    the query and the person (see search/insights.py), never the person: it only tells
    different searchers apart. Kept for search.insights.KEEP_DAYS days."""

    network = models.ForeignKey("network.NetworkPage", on_delete=models.CASCADE, related_name="+")
    query = models.CharField(max_length=200)
    day = models.DateField()
    searcher = models.CharField(max_length=64)
    searches = models.PositiveIntegerField(default=0)
    without_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "query", "day", "searcher"],
                name="one_row_per_member_search_per_day",
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"“{self.query}” in network {self.network_id} on {self.day}: {self.searches}"

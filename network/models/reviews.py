"""A network's reviews of itself against the Network Maturity Matrix, repeated over time."""

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.vocabulary import LevelField

MATRIX = "nmm"  # the Network Maturity Matrix framework's slug


class NetworkReview(ClusterableModel):
    network = models.ForeignKey(
        "network.NetworkPage", on_delete=models.CASCADE, related_name="reviews"
    )
    date = models.DateField()
    notes = models.TextField(blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.network} review of {self.date:%-d %B %Y}"

    @classmethod
    def latest_for(cls, network):
        """The network's latest review, with its scores, or None."""
        return (
            cls.objects.filter(network=network)
            .prefetch_related("scores")
            .order_by("-date", "-pk")
            .first()
        )

    @classmethod
    def trend_for(cls, network):
        """The network's reviews oldest first, each with its scores by dimension.

        Returns {"dimensions": [Dimension...], "reviews": [{"review", "scores": {code: score},
        "measures": [...]}...], "latest": the newest of those or None}.
        """
        from maturity.models import Dimension

        dimensions = list(Dimension.objects.filter(framework__slug=MATRIX))
        rows = [
            {"review": review, "scores": {}, "measures": []}
            for review in cls.objects.filter(network=network)
        ]
        if rows:
            # Scores and measures read once each and filed by review, each score given its
            # dimension from the list above: no join, no Dimension made twice (a score outside
            # the matrix, which the page never shows, is left out).
            by_review = {row["review"].pk: row for row in rows}
            by_dimension = {dimension.pk: dimension for dimension in dimensions}
            for score in ReviewScore.objects.filter(review__in=list(by_review)).order_by():
                if (dimension := by_dimension.get(score.dimension_id)) is not None:
                    score.dimension = dimension
                    by_review[score.review_id]["scores"][dimension.code] = score
            for measure in OutcomeMeasure.objects.filter(review__in=list(by_review)):
                by_review[measure.review_id]["measures"].append(measure)
        return {
            "dimensions": dimensions,
            "reviews": rows,
            "latest": rows[-1] if rows else None,
            "measures": _measures_over_time(rows),
        }


def _measures_over_time(rows):
    """Each outcome measure the network recorded, in the order first recorded, with its value
    at each review (None where that review did not record it): [{"name", "values"}]."""
    names = {}
    for row in rows:
        for measure in row["measures"]:
            names.setdefault(measure.name, None)
    return [
        {
            "name": name,
            "values": [next((m for m in row["measures"] if m.name == name), None) for row in rows],
        }
        for name in names
    ]


class ReviewScore(models.Model):
    review = ParentalKey(NetworkReview, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(
        "maturity.Dimension",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"framework__slug": MATRIX},
    )
    current_level = LevelField()
    target_level = LevelField()
    notes = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["dimension__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "dimension"], name="one_score_per_dimension")
        ]

    def __str__(self):
        return f"{self.dimension.label}: level {self.current_level} (target {self.target_level})"


class OutcomeMeasure(models.Model):
    """A simple measure the network chose to show its development, e.g. "active members"."""

    review = ParentalKey(NetworkReview, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=120)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    date = models.DateField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}: {self.display_value}"

    @property
    def display_value(self):
        return f"{self.value.normalize():f}"

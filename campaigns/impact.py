"""What case studies changed, added up: the totals and breakdowns of /impact/ and its CSV.

One query builds each breakdown, over the published case studies the reader may read
(LessonPage.objects.readable_by): impact recorded on other kinds shows on their pages only.
A case study linked to two maturity outcomes counts under each, so that breakdown's rows do
not add up to the total; every other breakdown's do.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear

from core.vocabulary import OrganisationType, Region
from lessons.models import LessonPage
from lessons.models.impact import figure_text
from lessons.vocabulary import Kind
from maturity.models import Dimension
from network.models import NetworkPage

# (key, heading, the lesson's column)
FIGURES = (
    ("hours_saved", "Hours saved", "impact_hours_saved"),
    ("money_saved_gbp", "Money saved (£)", "impact_money_saved_gbp"),
    ("decisions_informed", "Decisions informed", "impact_decisions_informed"),
)
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Breakdown:
    """One way to split the totals: `column` is what the rows are grouped by."""

    name: str
    heading: str
    column: object
    labels: object  # () -> {value: label}
    adds_up: bool = True


def _dimension_labels():
    return {d.code: d.full_label for d in Dimension.objects.select_related("framework")}


def _network_labels():
    return dict(NetworkPage.objects.values_list("slug", "title"))


BREAKDOWNS = (
    Breakdown("year", "Year", ExtractYear("date"), lambda: {}),
    Breakdown("region", "Region", F("region"), lambda: dict(Region.choices)),
    Breakdown(
        "organisation_type",
        "Type of organisation",
        F("organisation_type"),
        lambda: dict(OrganisationType.choices),
    ),
    Breakdown(
        "dimension",
        "Maturity outcome",
        F("maturity_links__dimension__code"),
        _dimension_labels,
        adds_up=False,
    ),
    Breakdown("network", "Network", F("network__slug"), _network_labels),
)


@dataclass
class Row:
    key: object
    label: str
    count: int
    figures: dict  # figure key -> Decimal or int

    def text(self, key):
        return figure_text(self.figures[key])


@dataclass
class Table:
    breakdown: Breakdown
    rows: list = field(default_factory=list)

    def bars(self, key):
        """(row, width in per cent of the largest) for one figure: the chart of the table."""
        largest = max((row.figures[key] for row in self.rows), default=0) or 1
        return [
            (row, round(100 * Decimal(row.figures[key]) / Decimal(largest))) for row in self.rows
        ]


class ImpactFilters(forms.Form):
    """What the reader narrows the figures to. Every field is optional."""

    year = forms.IntegerField(label="Year", required=False, min_value=1900, max_value=2100)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "All regions"), *Region.choices]
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        required=False,
        choices=[("", "All types"), *OrganisationType.choices],
    )
    network = forms.ChoiceField(label="Network", required=False)
    dimension = forms.ChoiceField(label="Maturity outcome", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages["invalid"] = "Year must be a year, like 2025"
        self.fields["network"].choices = [("", "All networks"), *_network_labels().items()]
        self.fields["dimension"].choices = [("", "All outcomes"), *_dimension_labels().items()]
        for name in ("region", "organisation_type", "network", "dimension"):
            label = self.fields[name].label
            self.fields[name].error_messages["invalid_choice"] = f"{label}: choose from the list"


def case_studies(user, filters=None):
    """The case studies whose impact this reader may see, narrowed by the cleaned filters."""
    lessons = LessonPage.objects.readable_by(user).filter(kind=Kind.CASE_STUDY)
    filters = filters or {}
    if filters.get("year"):
        lessons = lessons.filter(date__year=filters["year"])
    for name in ("region", "organisation_type"):
        if filters.get(name):
            lessons = lessons.filter(**{name: filters[name]})
    if filters.get("network"):
        lessons = lessons.filter(network__slug=filters["network"])
    if filters.get("dimension"):
        lessons = lessons.filter(maturity_links__dimension__code=filters["dimension"])
    return LessonPage.objects.filter(pk__in=lessons.values("pk"))


def _sums():
    sums = {key: Sum(column) for key, _, column in FIGURES}
    return {"count": Count("pk", distinct=True), **sums}


def _figures(values):
    return {key: values[key] or 0 for key, _, _ in FIGURES}


def totals(lessons):
    values = lessons.aggregate(**_sums())
    return Row(key=None, label="All case studies", count=values["count"], figures=_figures(values))


def breakdown(lessons, how):
    labels = how.labels()
    rows = lessons.annotate(group=how.column).values("group").annotate(**_sums()).order_by("group")
    table = Table(how)
    for values in rows:
        group = values["group"]
        label = NOT_RECORDED if group in (None, "") else labels.get(group, str(group))
        table.rows.append(Row(group, label, values["count"], _figures(values)))
    # Recorded rows in order, "Not recorded" last.
    table.rows.sort(key=lambda row: (row.label == NOT_RECORDED, str(row.key)))
    return table


def impact_report(user, filters=None):
    lessons = case_studies(user, filters)
    return totals(lessons), [breakdown(lessons, how) for how in BREAKDOWNS]


def csv_rows(total, tables):
    """The same figures as the page, one row per breakdown row, for a spreadsheet."""
    yield ["Breakdown", "Value", "Case studies", *(heading for _, heading, _ in FIGURES)]
    yield ["Total", total.label, total.count, *(_plain(total.figures[k]) for k, _, _ in FIGURES)]
    for table in tables:
        for row in table.rows:
            yield [
                table.breakdown.heading,
                row.label,
                row.count,
                *(_plain(row.figures[key]) for key, _, _ in FIGURES),
            ]


def _plain(value):
    """A figure for a spreadsheet: no separators, no needless decimals."""
    return figure_text(value).replace(",", "")

"""Compare and track, in counted levels: an organisation's units side by side (each unit's
latest closed assessment against one framework), and one unit's closed assessments over time.
Only assessments the reader may read are counted."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Answer, Assessment


@dataclass
class Row:
    outcome: object  # maturity.Dimension
    levels: list  # counted levels, one per column (None: not assessed there)

    @property
    def change(self):
        """From the first level to the last one given (None with fewer than two)."""
        given = [level for level in self.levels if level is not None]
        return given[-1] - given[0] if len(given) > 1 else None


@dataclass
class Table:
    columns: list  # assessments
    rows: list

    def __bool__(self):
        return bool(self.columns)


def _closed(reader, organisation, framework):
    answers = Answer.objects.select_related("dimension").order_by("position")
    return (
        Assessment.objects.readable_by(reader)
        .filter(organisation=organisation, framework=framework, status=Assessment.Status.CLOSED)
        .select_related("unit")
        .prefetch_related(Prefetch("answers", queryset=answers))
    )


def _table(framework, columns):
    levels = [
        {answer.dimension_id: answer.counted_level for answer in column.answers.all()}
        for column in columns
    ]
    assessed = {pk for column in levels for pk in column}
    rows = [
        Row(outcome, [column.get(outcome.pk) for column in levels])
        for outcome in framework.dimensions.all()
        if outcome.pk in assessed
    ]
    return Table(columns, rows)


def side_by_side(reader, organisation, framework, units=None):
    """Each unit's latest closed assessment against `framework` (of `units`, when given), in
    the organisation's order of units."""
    latest = {}
    for assessment in _closed(reader, organisation, framework).order_by("closed_at", "pk"):
        if units is None or assessment.unit in units:
            latest[assessment.unit_id] = assessment  # the latest wins
    order = {unit.pk: n for n, unit in enumerate(organisation.units.all())}
    columns = sorted(latest.values(), key=lambda assessment: order[assessment.unit_id])
    return _table(framework, columns)


def over_time(reader, unit, framework):
    """The unit's closed assessments against `framework`, oldest first."""
    closed = _closed(reader, unit.organisation, framework).filter(unit=unit)
    return _table(framework, list(closed.order_by("closed_at", "pk")))

"""Disclosure control: which groups of organisations a figure may be shown for, and the figures.

Every surface that shows a benchmark (the page, its chart, the CSV, the headline report, an
organisation's position) gets its figures from `aggregate`, over a round's frozen publication.
Nothing else computes a benchmark figure.

The rules (NHS Digital's for small counts, and ours against differencing):
- a group's figures are shown only when at least MIN_ORGANISATIONS contribute; its median
  needs MIN_FOR_MEDIAN, its quartiles MIN_FOR_QUARTILES;
- a count of organisations from 1 to 7 is not shown; larger counts are rounded to the nearest 5;
- for any two groups that are shown (in this publication or an earlier one of the round), the
  organisations in one and not the other number 0 or at least MIN_DIFFERENCE;
- groups are never ranked: rows come in the order of their names.

`shown_groups` decides the groups once, when a publication is made; the publication keeps its
decision, so what is shown never changes afterwards.
"""

import statistics
from dataclasses import dataclass

MIN_ORGANISATIONS = 5
MIN_FOR_MEDIAN = 5
MIN_FOR_QUARTILES = 10
MIN_DIFFERENCE = 5
SMALL_COUNT = range(1, 8)  # counts not shown
ROUND_TO = 5


@dataclass(frozen=True)
class Group:
    """Organisations a figure may be given for: the whole, a region, a type, a peer group."""

    key: str  # "all", "region:london", "organisation_type:acute_trust", "peers:2"
    label: str
    members: frozenset


def separable(a, b):
    """Whether two groups can both be shown: the organisations in one and not the other
    number 0 or at least MIN_DIFFERENCE, each way."""
    return all(len(d) == 0 or len(d) >= MIN_DIFFERENCE for d in (a - b, b - a))


def shown_groups(candidates, already_shown=()):
    """The candidates that may be shown, taken in the order given (the more useful first): a
    group is shown when it is large enough and separable from every group shown so far,
    including `already_shown` (the member sets of the round's earlier publications)."""
    accepted = [frozenset(members) for members in already_shown]
    shown = []
    for group in candidates:
        if len(group.members) < MIN_ORGANISATIONS:
            continue
        if all(separable(group.members, other) for other in accepted):
            accepted.append(group.members)
            shown.append(group)
    return shown


def rounded_count(n):
    """NHS Digital's rule: 0 stays 0, 1–7 are not shown (None), the rest to the nearest 5."""
    if n in SMALL_COUNT:
        return None
    return int((n + ROUND_TO / 2) // ROUND_TO * ROUND_TO)


@dataclass(frozen=True)
class Figure:
    """One measure over one group, as it may be shown: None where a figure is withheld."""

    mean: float | None = None
    median: float | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None

    @property
    def withheld(self):
        return self.mean is None


@dataclass(frozen=True)
class Row:
    group: Group
    shown: bool
    organisations: int | None  # the rounded count, None when not shown
    figures: dict  # measure key -> Figure


def tidy(value):
    """A figure as shown: to 2 decimal places, a whole number without its ".0"."""
    if value is None:
        return None
    value = round(value, 2)
    return int(value) if value == int(value) else value


def _figure(values):
    n = len(values)
    if n < MIN_ORGANISATIONS:
        return Figure()
    quartiles = (None, None, None)
    if n >= MIN_FOR_QUARTILES:
        quartiles = statistics.quantiles(values, n=4, method="inclusive")
    return Figure(
        mean=tidy(statistics.fmean(values)),
        median=tidy(statistics.median(values)) if n >= MIN_FOR_MEDIAN else None,
        lower_quartile=tidy(quartiles[0]),
        upper_quartile=tidy(quartiles[2]),
    )


def aggregate(publication, groups):
    """The rows of figures for `groups` (keys of the publication's groups) of one publication,
    each as it may be shown. The one function every surface asks."""
    shown = publication.shown_members()
    candidates = publication.groups()
    rows = []
    for key in groups:
        group = candidates.get(key)
        if key not in shown or group is None:
            rows.append(Row(group, False, None, {m: Figure() for m, _ in publication.measures}))
            continue
        members = shown[key]
        contributions = [r for r in publication.rows if r["organisation"] in members]
        figures = {
            measure: _figure([r["figures"][measure] for r in contributions])
            # Every member gives it, or it is withheld: a measure added to a round after some
            # returns came would otherwise rest on a group other than the one shown.
            if all(measure in r["figures"] for r in contributions)
            else Figure()
            for measure, _ in publication.measures
        }
        rows.append(Row(group, True, rounded_count(len(contributions)), figures))
    return rows

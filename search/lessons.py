"""Searching lessons: the filters a reader chooses, what they may see, and the facet counts.

One place for the rules, used by the /search/ page and the /api/lessons/search/ API alike.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from core.fulltext import clean_query, id_set, in_order, match
from core.numbers import parse_whole_number
from core.vocabulary import LEVELS, OrganisationType, Region, parse_level
from lessons.models import LessonMaturityLink, LessonPage, LessonTheme
from lessons.vocabulary import Beneficiary, ImpactType, Kind
from maturity.models import Dimension
from network.models import NetworkPage
from search import facet_counts as facet_count_query
from search.facet_counts import CODE_LISTS

PER_PAGE = 20
# relevance (by date when no words are given), date, or most applied first (ties by relevance,
# or by date when no words are given).
SORTS = ("relevance", "date", "applied")


@dataclass(frozen=True)
class Facet:
    """One way to narrow a lesson search, and to count what is there.

    `name` is the query parameter and the key of its counts (search/facet_counts.py says how
    each is counted); `in_api` whether the lessons API (contract 3) reports its counts; `noun`
    names one value in error messages; `choices` gives the known values and their labels
    (None: any text).
    """

    name: str
    label: str
    noun: str
    in_api: bool
    choices: object = None

    def known(self):
        return self.choices() if self.choices else None


def _dimensions():
    return {d.code: d.full_label for d in Dimension.objects.all()}


def _levels():
    return {str(number): f"Level {number}" for number in LEVELS}


def _networks():
    return dict(NetworkPage.objects.values_list("slug", "title"))


def _impact_types():
    return dict(ImpactType.choices)


def _beneficiaries():
    return dict(Beneficiary.choices)


# In the order the search page shows them.
FACETS = (
    Facet("dimension", "Maturity outcome", "dimension code", True, choices=_dimensions),
    Facet("level", "Level", "level", True, choices=_levels),
    Facet("theme", "Theme", "theme", True),
    Facet("kind", "Kind", "kind", True, lambda: dict(Kind.choices)),
    Facet(
        "organisation_type",
        "Organisation type",
        "organisation type",
        True,
        lambda: dict(OrganisationType.choices),
    ),
    Facet("region", "Region", "region", False, lambda: dict(Region.choices)),
    Facet("network", "Network", "network", False, _networks),
    Facet("impact_type", "Kind of impact", "kind of impact", False, choices=_impact_types),
    Facet("beneficiary", "Who benefited", "beneficiary", False, choices=_beneficiaries),
)
FACET_NAMES = [facet.name for facet in FACETS]


def known_values():
    """{facet name: {value: label}} for every facet (empty where any text will do)."""
    return {facet.name: facet.known() or {} for facet in FACETS}


class InvalidParameters(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Filters:
    q: str = ""
    dimension: list = field(default_factory=list)
    level: list = field(default_factory=list)
    theme: list = field(default_factory=list)
    kind: list = field(default_factory=list)
    organisation_type: list = field(default_factory=list)
    region: list = field(default_factory=list)
    network: list = field(default_factory=list)
    impact_type: list = field(default_factory=list)
    beneficiary: list = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    notice: str = ""

    @property
    def chosen(self):
        """(facet, value) for every filter chosen, for the removable chips."""
        return [(name, value) for name in FACET_NAMES for value in getattr(self, name)]


def parse(params, known=None):
    """Filters from query parameters (a QueryDict). Raises InvalidParameters with every
    problem, keyed by parameter, if any value is not one this site knows. `known`: each facet's
    known values and labels, where the caller has read them already (known_values)."""
    errors = {}
    filters = Filters()
    filters.q, filters.notice = clean_query(params.get("q", ""))
    known = known or known_values()

    for facet in FACETS:
        if facet.name in ("level", "theme"):
            continue  # whole numbers and free text: read below
        allowed = known[facet.name]
        values = _unique(params.getlist(facet.name))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            errors[facet.name] = [f"“{v}” is not a known {facet.noun}." for v in unknown]
        setattr(filters, facet.name, [v for v in values if v in allowed])
    filters.theme = [t.strip() for t in _unique(params.getlist("theme")) if t.strip()][:20]

    levels = []
    for value in _unique(params.getlist("level")):
        if (level := parse_level(value)) is not None:
            levels.append(level)
        else:
            errors.setdefault("level", []).append(
                f"“{value}” is not a level: use a whole number from 0 to 4."
            )
    filters.level = levels

    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        errors["sort"] = ["Sort by “relevance”, “date” or “applied”."]
    filters.sort = sort if sort in SORTS else "relevance"

    page = parse_whole_number(params.get("page", "1"), minimum=1)
    if not page:
        errors["page"] = ["The page must be a whole number from 1."]
    filters.page = page or 1

    if errors:
        raise InvalidParameters(errors)
    return filters


def _unique(values):
    return list(dict.fromkeys(v for v in values if v != ""))


@dataclass
class Result:
    page: object  # a Paginator page of LessonPage
    count: int
    facets: dict
    notice: str
    phrases: list  # what the words matched, synonyms included, to mark in the results


def search(user, filters):
    """The lessons this person may see that match the filters: a page of them, the total,
    and facet counts over the whole match (never counting what they may not see)."""
    lessons = _apply(LessonPage.objects.readable_by(user), filters)
    notice, phrases = filters.notice, []
    if filters.q:
        matches = match(lessons, filters.q)
        ids, notice, phrases = matches.ids, matches.notice or notice, matches.phrases
        if filters.sort == "date":
            ids = list(
                _by_date(LessonPage.objects.filter(pk__in=id_set(ids))).values_list("pk", flat=True)
            )
        elif filters.sort == "applied":
            ids = _most_applied_first(ids)
        lessons = ids
    elif filters.sort == "applied":
        lessons = lessons.order_by_applied()
        ids = None
    else:
        lessons = _by_date(lessons)
        ids = None

    paginator = Paginator(ids if ids is not None else lessons, PER_PAGE)
    page = paginator.get_page(filters.page)
    if filters.page > paginator.num_pages:
        page.object_list = []
    elif ids is not None:
        reading = LessonPage.with_reading_relations(LessonPage.objects.all())
        page.object_list = in_order(reading, list(page.object_list))
    else:
        page.object_list = list(LessonPage.with_reading_relations(page.object_list))
    return Result(
        page=page,
        count=paginator.count,
        facets=facet_counts(lessons),
        notice=notice,
        phrases=phrases,
    )


def _by_date(lessons):
    return lessons.order_by("-date", "-pk")


def _most_applied_first(ids):
    """The matched ids, most applied first; a stable sort keeps relevance order for ties."""
    counts = dict(
        LessonPage.objects.filter(pk__in=id_set(ids))
        .with_application_summary()
        .values_list("pk", "applied_count")
    )
    return sorted(ids, key=lambda pk: -counts.get(pk, 0))


def _apply(lessons, filters):
    if filters.dimension or filters.level:
        links = LessonMaturityLink.objects.all()
        if filters.dimension:
            links = links.filter(dimension__code__in=filters.dimension)
        if filters.level:
            links = links.filter(level__in=filters.level)
        lessons = lessons.filter(pk__in=links.values("lesson_id"))
    if filters.theme:
        either = Q()
        for theme in filters.theme:
            either |= Q(tag__name__iexact=theme)
        tagged = LessonTheme.objects.filter(either)
        lessons = lessons.filter(pk__in=tagged.values("content_object_id"))
    for name in ("kind", "organisation_type", "region"):
        if values := getattr(filters, name):
            lessons = lessons.filter(**{f"{name}__in": values})
    if filters.network:
        lessons = lessons.filter(network__slug__in=filters.network)
    for name, column in CODE_LISTS.items():
        if codes := getattr(filters, name):
            # A code is a whole JSON string in the list: its quotes keep "other" from matching
            # inside another code.
            either = Q()
            for code in codes:
                either |= Q(**{f"{column}__icontains": f'"{code}"'})
            lessons = lessons.filter(either)
    return lessons


def facet_counts(lessons):
    """For each facet, how many of these lessons have each value (one query:
    search/facet_counts.py)."""
    return facet_count_query.count(lessons, FACET_NAMES)

"""Full-text matching through Wagtail search, with the database backend as a fallback.

Everything else about a search (privacy, filters, facets, ranking) is done in the ORM on the
queryset this returns, so it behaves the same whichever backend found the matches.
"""

import logging
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, When

from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
# Beyond this many matches, a non-database backend's results are cut (for facets and paging).
MAX_MATCHES = 2000


@dataclass
class Matches:
    queryset: QuerySet  # the matching objects, best match first
    notice: str = ""  # said to the reader when search fell back or the query was shortened


def clean_query(text):
    """The query as searched: trimmed to a bounded number of words and characters, and a
    notice when it had to be shortened."""
    words = (text or "").split()
    kept = " ".join(words[:MAX_QUERY_WORDS])[:MAX_QUERY_CHARS].strip()
    notice = ""
    if len(words) > MAX_QUERY_WORDS or len(" ".join(words)) > MAX_QUERY_CHARS:
        notice = f"Your search was long, so only its first {len(kept.split())} words were used."
    return kept, notice


def match(queryset, query):
    """The objects of `queryset` that match `query`, most relevant first, as a queryset."""
    try:
        return Matches(_match_with(get_search_backend(), queryset, query))
    except Exception as error:  # the external search service is down or refused the query
        if "database" not in _backend_names():
            raise
        logger.warning("Search backend failed (%s); answering from the database.", error)
        return Matches(
            _match_with(get_search_backend("database"), queryset, query),
            notice="Search is running in a simpler mode just now, so results may differ.",
        )


def _backend_names():
    from django.conf import settings

    return set(getattr(settings, "WAGTAILSEARCH_BACKENDS", {}))


def _match_with(backend, queryset, query):
    results = backend.search(query, queryset, operator="and")
    if hasattr(results, "get_queryset"):
        # The database backends filter the queryset in SQL: keep it lazy.
        return results.get_queryset()
    ids = [obj.pk for obj in results[:MAX_MATCHES]]
    order = Case(*[When(pk=pk, then=n) for n, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.model.objects.filter(pk__in=ids).order_by(order)

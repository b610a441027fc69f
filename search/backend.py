"""Full-text matching through Wagtail search, with the database backend as a fallback.

Everything else about a search (privacy, filters, facets, ranking) is done in the ORM on the
queryset this returns, so it behaves the same whichever backend found the matches.
"""

import logging
from dataclasses import dataclass

from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
# Beyond this many matches a search is cut: paging and facets work on the best ones.
MAX_MATCHES = 20_000


@dataclass
class Matches:
    ids: list  # primary keys of the matching objects, best match first
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
    """The primary keys of the objects in `queryset` that match `query`, most relevant first.

    Matching once into a list costs one full-text query; filtering, counting and faceting on
    the list is then cheap, where a lazy subquery would repeat the full-text match each time.
    """
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
    if hasattr(results, "get_queryset"):  # the database backends: ids straight from SQL
        return list(results.get_queryset().values_list("pk", flat=True)[:MAX_MATCHES])
    return [obj.pk for obj in results[:MAX_MATCHES]]


def in_order(queryset, ids):
    """The objects of `queryset` with these primary keys, in the order given."""
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]

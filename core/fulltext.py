"""Full-text matching through Wagtail search, with the database backend as a fallback.

Everything else about a search (privacy, filters, facets, ranking) is done in the ORM on the
queryset this returns, so it behaves the same whichever backend found the matches.
"""

import json
import logging
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

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
    if type(results).__name__ == "SQLiteSearchResults":
        return _sqlite_ranked_ids(results, queryset)
    if hasattr(results, "get_queryset"):  # the other database backends: ids straight from SQL
        return list(results.get_queryset().values_list("pk", flat=True)[:MAX_MATCHES])
    return [obj.pk for obj in results[:MAX_MATCHES]]


def _sqlite_ranked_ids(results, queryset):
    """Relevance-ordered ids from SQLite FTS5 in two plain queries.

    The backend's own ordering scores each matching row with a correlated subquery that runs
    the full-text match again per row, which takes seconds at 10,000 lessons. Here the match
    is scored once over the index, and intersected with what the reader may see.
    """
    from modelsearch.backends.database.sqlite.sqlite import (
        MatchExpression,
        SQLiteFTSIndexEntry,
        get_descendants_content_types_pks,
        normalize,
    )

    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    expression = compiler.build_search_query(normalize(compiler.query), config=config)
    entries = SQLiteFTSIndexEntry.objects.filter(
        MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS, expression),
        index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
    )
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    ranked = entries.annotate(score=rank).order_by("score")
    ranked = [int(pk) for pk in ranked.values_list("index_entry__object_id", flat=True)]
    # Keep what the reader may see: a fixed set of ids plans far better in SQLite than an IN
    # over the full-text subquery.
    allowed = set(queryset.filter(pk__in=id_set(ranked)).values_list("pk", flat=True))
    return [pk for pk in ranked if pk in allowed][:MAX_MATCHES]


def id_set(ids):
    """A set of primary keys for `pk__in=`, sent as one parameter where the database can.

    Thousands of matches as thousands of bound parameters make every facet query slow to
    parse (and SQLite limits them); a JSON array or a PostgreSQL array is one parameter.
    """
    vendor = connection.vendor
    if vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return list(ids)


def in_order(queryset, ids):
    """The objects of `queryset` with these primary keys, in the order given."""
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]

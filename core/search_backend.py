"""The site's database search backend: Wagtail's own for whichever database runs, with every
query cleaned before it is compiled, whoever asks (site search, the directory, the admin's
searches and page choosers).

Wagtail's SQLite backend writes each term into FTS5's MATCH syntax between double quotes
without escaping a quote inside it (a `"` typed into the admin's page chooser was a 500),
and nests one expression per word (a query of a thousand words passed Python's recursion
limit). Here each text in a query keeps only its words (core.fulltext.WORD: letters and
digits), at most MAX_QUERY_WORDS in all; a query with no word left finds nothing.
"""

import functools

from modelsearch.backends import database
from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from core.fulltext import MAX_QUERY_WORDS, WORD


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database.SearchBackend(params)  # SQLite FTS5, PostgreSQL or the fallback
    backend.__class__ = _cleaning(type(backend))
    return backend


@functools.cache
def _cleaning(backend_class):
    return type(backend_class.__name__, (CleanQueries, backend_class), {})


class CleanQueries:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = clean(query, budget=[MAX_QUERY_WORDS])
        if query is None:
            return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def clean(query, budget):
    """The query with only words in its texts (taken from `budget`, a one-item list of the
    words still allowed), or None when no word is left."""
    if isinstance(query, str):
        return _words(query, budget)
    if isinstance(query, PlainText):
        text = _words(query.query_string, budget)
        return text and PlainText(text, operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        text = _words(query.query_string, budget)
        return text and Phrase(text)
    if isinstance(query, Fuzzy):
        text = _words(query.query_string, budget)
        return text and Fuzzy(text, operator=query.operator, unaccent=query.unaccent)
    if isinstance(query, (And, Or)):
        parts = [part for sub in query.subqueries if (part := clean(sub, budget)) is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        part = clean(query.subquery, budget)
        return part and Not(part)
    if isinstance(query, Boost):
        part = clean(query.subquery, budget)
        return part and Boost(part, query.boost)
    return query  # MatchAll


def _words(text, budget):
    words = WORD.findall(text or "")[: budget[0]]
    budget[0] -= len(words)
    return " ".join(words) or None

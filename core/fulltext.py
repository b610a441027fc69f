"""Full-text matching through Wagtail search, with the database backend as a fallback.

Everything else about a search (privacy, filters, facets, ranking) is done in the ORM on the
queryset this returns, so it behaves the same whichever backend found the matches.
"""

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from modelsearch.query import And, Or, Phrase, PlainText
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
# The thesaurus may add at most this many words to a query, in the order of its entries.
MAX_ADDED_WORDS = 12
MAX_WORD_CHARS = 60  # longer "words" are noise, never a word anyone searches for
# Beyond this many matches a search is cut: paging and facets work on the best ones.
MAX_MATCHES = 20_000
# SQLite: up to this many objects to search among are looked up in the index one by one.
FEW_TO_LOOK_UP = 500

# Words too common to tell one lesson or person from another: a search ignores them, and
# "did you mean" never offers them. Lower case; the pieces of "don't" and "we'll" included.
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing don down during each few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves d ll m re s t ve
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# A word is a run of letters or digits in any script. Nothing else reaches a search backend,
# so no character a user types can be read as query syntax ("quotes", NEAR(, AND, *, column:).
WORD = re.compile(r"[^\W_]+")
# What a search keeps whole: a word, or words joined by "." or "@" with nothing around them
# ("2.5", "3.12", "report.pdf", "www.england.nhs.uk", "jo.bloggs@nhs.net"). PostgreSQL and
# Elasticsearch index these as one token, so cut into words they were never found there; the
# backend (core/search_backend.py) sends them whole, or as a phrase of their words where the
# index cuts them (SQLite).
TOKEN = re.compile(r"[^\W_]+(?:[.@][^\W_]+)*")
NO_WORDS = (
    "Search leaves out very common words such as “how” and “the”: "
    "add a word that says what you are looking for."
)


@dataclass(frozen=True)
class Wanted:
    """One thing the reader asked for: a word they typed, or a term of the thesaurus and what
    it also finds. `phrases` are the ways it may be written, each words separated by spaces."""

    phrases: tuple
    weight: int = 1  # how many of the reader's words it stands for, in ranking

    def search_query(self):
        leaves = [Phrase(p) if " " in p else PlainText(p) for p in self.phrases]
        return leaves[0] if len(leaves) == 1 else AnyOf(leaves)


class AnyOf(Or):
    """The ways one wanted thing may be written (a term and its synonyms): one full-text match,
    ranked and counted once, however many alternatives it has (core/search_backend.py)."""


class Expanded(Or):
    """Any of the wanted things, as `expand` made them: searched as they are, never expanded
    again (core/search_backend.py expands only typed text)."""


class ExpandedAll(And):
    """Every one of the wanted things (a search with the "and" operator)."""


def expand(text, synonyms=True):
    """What a search looks for: the thesaurus's terms found whole in the raw text, each with
    what it also finds, and the words of the rest (search_words: letters and digits, no stop
    words, no repeats). At most MAX_QUERY_WORDS things, and MAX_ADDED_WORDS words added. The
    one place where typed text becomes what reaches the full-text index."""
    from core import thesaurus  # the thesaurus is a model: read once apps are ready

    text = (text or "")[: MAX_QUERY_CHARS * 4]
    found = thesaurus.current().find(text) if synonyms else []
    wanted, seen, reached = [], set(), 0
    added = MAX_ADDED_WORDS
    for term in [*found, None]:
        for word in search_words(text[reached : term.start if term else len(text)]):
            if word not in seen:
                seen.add(word)
                wanted.append(Wanted((word,)))
        if term is None:
            break
        reached = term.end
        # A term is searched only if it has a word of its own: "A&E" and "A and E" are "e"
        # alone once stop words go, which PostgreSQL finds in "e-learning", so their synonyms
        # stand for them.
        phrases = [t for t in term.terms if _has_a_word(t) and t not in seen]
        for also in term.also:
            if _has_a_word(also) and also not in seen and len(also.split()) <= added:
                phrases.append(also)
                added -= len(also.split())
        if phrases:
            seen.update(phrases)
            phrases = _without_longer(phrases)
            typed = max((len(search_words(t)) for t in term.terms), default=1)
            wanted.append(Wanted(tuple(phrases), weight=max(typed, 1)))
    return wanted[:MAX_QUERY_WORDS]


def _has_a_word(term):
    return any(len(word) > 1 for word in search_words(term))


def _without_longer(phrases):
    """The phrases less those that hold another of them: "board" already finds everything
    "trust board" finds, and each phrase searched costs a pass over the index's positions."""

    def holds(longer, shorter):
        words, part = longer.split(), shorter.split()
        return len(part) < len(words) and any(
            words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1)
        )

    return [p for p in phrases if not any(holds(p, other) for other in phrases)]


def search_query(wanted, operator="or"):
    parts = [w.search_query() for w in wanted]
    return ExpandedAll(parts) if operator == "and" else Expanded(parts)


@dataclass
class Matches:
    ids: list  # primary keys of the matching objects, best match first
    notice: str = ""  # said to the reader when search fell back or the query was shortened
    # How many of the words each matching object has (for ranking elsewhere), and the words.
    found: dict = field(default_factory=dict)
    words: list = field(default_factory=list)
    # Everything searched for, synonyms included: what core.highlight marks in a result.
    phrases: list = field(default_factory=list)


def clean_query(text):
    """The query as searched: trimmed to a bounded number of words and characters, and a
    notice when it had to be shortened."""
    text = " ".join((text or "").split())
    # Words as search counts them ("a,b,c" is three; "the" none), so that search_words never
    # drops one later unsaid.
    tokens = [t for t in TOKEN.finditer(text) if t.group().casefold() not in STOP_WORDS]
    if len(tokens) > MAX_QUERY_WORDS:
        kept = text[: tokens[MAX_QUERY_WORDS - 1].end()][:MAX_QUERY_CHARS].strip()
        used = len(search_words(kept))
        return kept, f"Your search was long, so only its first {used} words were used."
    kept = text[:MAX_QUERY_CHARS].strip()
    notice = ""
    if len(text) > MAX_QUERY_CHARS:
        notice = f"Your search was long, so only its first {MAX_QUERY_CHARS} characters were used."
    return kept, notice


def no_words_notice(text):
    """What to tell a reader whose search had no word to look for, saying what happened: only
    very common words, only "words" too long to be words, or no letters or digits at all."""
    words = WORD.findall((text or "")[: MAX_QUERY_CHARS * 4].casefold())
    if not words:
        return (
            "Search looks for words and numbers, and your search had none: "
            "type a word that says what you are looking for."
        )
    too_long = any(len(word) > MAX_WORD_CHARS for word in words)
    common = any(word in STOP_WORDS for word in words)
    if too_long and not common:
        return (
            f"Search leaves out words longer than {MAX_WORD_CHARS} characters: "
            "type a word that says what you are looking for."
        )
    if too_long:
        return (
            f"Search leaves out very common words such as “how” and “the”, and words longer "
            f"than {MAX_WORD_CHARS} characters: add a word that says what you are looking for."
        )
    return NO_WORDS


def search_words(text):
    """The words a search looks for: letters and digits only, in lower case, without stop
    words or repeats, at most MAX_QUERY_WORDS of them. The one place where typed text becomes
    what reaches the full-text index."""
    words = TOKEN.findall((text or "")[: MAX_QUERY_CHARS * 4].casefold())
    meaningful = [w for w in words if w not in STOP_WORDS and len(w) <= MAX_WORD_CHARS]
    return list(dict.fromkeys(meaningful))[:MAX_QUERY_WORDS]


def match(queryset, query, synonyms=True, among_few=False, fields=None):
    """The primary keys of the objects in `queryset` that have any of the query's words,
    those with the most of them first, then by relevance.

    A search does not demand every word ("how do I get evidence to discharge huddles" finds
    the huddles lesson), but a lesson with all of them always ranks above one with fewer.
    Stop words are ignored; the index stems the rest ("huddle" finds "huddles").

    Matching once into a list costs one full-text query for the ranking and one for the words
    each object has; filtering, counting and faceting on the list is then cheap, where a lazy
    subquery would repeat the full-text match each time.

    The thesaurus expands the query first (`expand`): "A&E" also looks for "emergency
    department"; a term and its synonyms count as the words of the term as typed.

    `among_few`: the queryset is usually small (search's other results): on SQLite, up to
    FEW_TO_LOOK_UP objects are looked up in the index one entry each. Not for a search whose
    objects may be many, nor where each word should cost about the same (the directory): each
    lookup runs the whole query again.

    `fields`: search only these of the model's search fields (["title"]), as Wagtail search's
    own `fields` does, the words each object has counted in them too.
    """
    wanted = expand(query, synonyms=synonyms)
    if not wanted:
        return Matches([], notice=no_words_notice(query) if (query or "").strip() else "")
    words = [w.phrases[0] for w in wanted]
    phrases = [phrase for w in wanted for phrase in w.phrases]
    try:
        ids, found = _match_with(get_search_backend(), queryset, wanted, among_few, fields)
        return Matches(ids, found=found, words=words, phrases=phrases)
    except Exception as error:  # the external search service is down or refused the query
        if "database" not in _backend_names():
            raise
        logger.warning("Search backend failed (%s); answering from the database.", error)
        ids, found = _match_with(
            get_search_backend("database"), queryset, wanted, among_few, fields
        )
        return Matches(
            ids,
            notice="Search is running in a simpler mode just now, so results may differ.",
            found=found,
            words=words,
            phrases=phrases,
        )


def _backend_names():
    from django.conf import settings

    return set(getattr(settings, "WAGTAILSEARCH_BACKENDS", {}))


def _match_with(backend, queryset, wanted, among_few=False, fields=None):
    """(ids, words found per id): the objects with any of the words, most words first."""
    results = backend.search(search_query(wanted), queryset, fields=fields)
    if type(results).__name__ == "SQLiteSearchResults":
        ranked, found = _sqlite_match(results, queryset, wanted, among_few)
    elif type(results).__name__ == "PostgresSearchResults" and len(wanted) > 1:
        ranked, found = _postgres_match(backend, results, queryset, wanted, fields)
    else:
        ranked = _ranked_ids(results)
        several = len(wanted) > 1
        found = _words_found(backend, queryset, wanted, fields) if several else Counter(ranked)
    ranked.sort(key=lambda pk: -found.get(pk, 0))  # stable: by relevance among equals
    ranked = ranked[:MAX_MATCHES]
    return ranked, {pk: found.get(pk, 0) for pk in ranked}


def _ranked_ids(results):
    if hasattr(results, "get_queryset"):  # the other database backends: ids straight from SQL
        return list(results.get_queryset().values_list("pk", flat=True)[:MAX_MATCHES])
    return [obj.pk for obj in results[:MAX_MATCHES]]


def _words_found(backend, queryset, wanted, fields=None):
    """How many of the words each object in `queryset` has: on a database backend, one query
    (a UNION ALL of one index lookup per word)."""
    per_word = [
        backend.search(search_query([w]), queryset, fields=fields, order_by_relevance=False)
        for w in wanted
    ]
    if all(hasattr(results, "get_queryset") for results in per_word):
        first, *rest = (
            results.get_queryset()
            .order_by()
            .annotate(weight=Value(w.weight, IntegerField()))
            .values_list("pk", "weight")
            for w, results in zip(wanted, per_word, strict=True)
        )
        found = Counter()
        for pk, weight in first.union(*rest, all=True).order_by():  # no model ordering
            found[pk] += weight
        return found
    return Counter(
        obj.pk
        for w, results in zip(wanted, per_word, strict=True)
        for obj in results[:MAX_MATCHES]
        for _ in range(w.weight)
    )


def _postgres_match(backend, results, queryset, wanted, fields=None):
    """Relevance-ordered ids and the words each has, in one query: the words each matching
    lesson has are tested on the vector the ranking query already reads, where a query per
    word (_words_found) read every entry's vector again for each word."""
    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    has_words = []
    for w in wanted:
        # Each word compiled as a search for it alone would be (cleaned by the backend).
        alone = backend.search(search_query([w]), queryset, fields=fields, order_by_relevance=False)
        tsquery = compiler.build_tsquery(alone.query_compiler.query, config=config)
        has_words.append(
            Case(When(compiler.matching(tsquery), then=Value(w.weight)), default=Value(0))
        )
    rows = (
        results.get_queryset()
        .annotate(words_found=sum(has_words[1:], has_words[0]))
        .values_list("pk", "words_found")[:MAX_MATCHES]
    )
    found = Counter()
    ranked = []
    for pk, words in rows:
        ranked.append(pk)
        found[pk] += words
    return ranked, found


def _sqlite_match(results, queryset, wanted, among_few=False):
    """Relevance-ordered ids from SQLite FTS5, and the words each has, in three plain queries.

    The backend's own ordering scores each matching row with a correlated subquery that runs
    the full-text match again per row, which takes seconds at 10,000 lessons. Here the match
    is scored once over the index, and intersected with what the reader may see. The words
    each has are counted with one lookup per word, in one query, mapped to objects through
    the ranked entries.
    """
    from modelsearch.backends.database.sqlite.sqlite import (
        MatchExpression,
        SQLiteFTSIndexEntry,
        get_descendants_content_types_pks,
        normalize,
    )

    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    columns = compiler.fields or compiler.FTS_TABLE_FIELDS
    content_types = get_descendants_content_types_pks(queryset.model)

    def matching(query):
        expression = compiler.build_search_query(normalize(query), config=config)
        return SQLiteFTSIndexEntry.objects.filter(MatchExpression(columns, expression))

    rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    entries = matching(compiler.query).filter(index_entry__content_type__in=content_types)
    # A few objects to search among (other results: networks, events, people) are looked up
    # in the index one entry each; matching the whole index first read every lesson's entry
    # that matched, to keep none of them (70 ms a kind at 10,000 lessons).
    few = []
    if among_few:
        few = list(queryset.order_by().values_list("pk", flat=True)[: FEW_TO_LOOK_UP + 1])
    if among_few and len(few) <= FEW_TO_LOOK_UP:
        if not few:
            return [], Counter()
        index_entry = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model
        own = index_entry.objects.filter(
            content_type__in=content_types, object_id__in=[str(pk) for pk in few]
        )
        entries = entries.filter(index_entry_id__in=own.values("pk"))
    entries = entries.annotate(score=rank).order_by("score")
    entries = entries.values_list("index_entry_id", "index_entry__object_id")
    # index entry -> object, best first
    object_of = {entry: int(pk) for entry, pk in _rows(entries)}
    ranked = list(object_of.values())
    if among_few and len(few) <= FEW_TO_LOOK_UP:
        allowed = set(few)
    else:
        # Keep what the reader may see: a fixed set of ids plans far better in SQLite than an
        # IN over the full-text subquery.
        allowed = {pk for (pk,) in _rows(queryset.filter(pk__in=id_set(ranked)).values_list("pk"))}
    ranked = [pk for pk in ranked if pk in allowed]
    if len(wanted) == 1 or not ranked:
        return ranked, Counter(ranked)
    # "+ 0" keeps SQLite from reading every entry of this type first and running the full-text
    # match once per entry (seconds at 10,000): the full-text table leads, then the entry's type.
    first, *rest = (
        matching(w.search_query())
        .alias(type=F("index_entry__content_type_id") + 0)
        .filter(type__in=content_types)
        .annotate(weight=Value(w.weight, IntegerField()))
        .values_list("pk", "weight")
        for w in wanted
    )
    found = Counter()
    for entry, weight in _rows(first.union(*rest, all=True).order_by()):
        if entry in object_of:
            found[object_of[entry]] += weight
    return ranked, found


def _rows(queryset):
    """The rows of a values_list queryset, as the database gives them: thousands of rows of
    whole numbers and text, which the ORM would pass one by one through a converter per column
    that changes nothing (an int stays an int), a third of a search's time at 10,000 lessons."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing (.none(), pk__in=[])
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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

"""The site's search backends: Wagtail's database backend for whichever database runs, and
Elasticsearch, each with every query expanded by the thesaurus and cleaned before it is
compiled, whoever asks (site search, the directory, the admin's searches and page choosers).

Typed text (a string, or the PlainText of a parsed query) is expanded here as
core.fulltext.expand does for the site's own searches, so the admin finds "A&E" as the site
does; what core.fulltext.match sends is already expanded (`Expanded`) and only cleaned.

Wagtail's SQLite backend writes each term into FTS5's MATCH syntax between double quotes
without escaping a quote inside it (a `"` typed into the admin's page chooser was a 500),
and nests one expression per word (a query of a thousand words passed Python's recursion
limit). Here each text in a query keeps only its words (core.fulltext.WORD: letters and
digits), at most MAX_SEARCHED_WORDS in all; a query with no word left finds nothing.
"""

import functools
from collections import OrderedDict
from dataclasses import dataclass, replace

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q

from modelsearch.backends import database, elasticsearch9
from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from core.fulltext import (
    MAX_ADDED_WORDS,
    MAX_QUERY_WORDS,
    TOKEN,
    WORD,
    AnyOf,
    Expanded,
    ExpandedAll,
    expand,
    search_query,
)

# What typed text may grow to: its own words and those the thesaurus adds.
MAX_SEARCHED_WORDS = MAX_QUERY_WORDS + MAX_ADDED_WORDS


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database.SearchBackend(params)  # SQLite FTS5, PostgreSQL or the fallback
    backend.__class__ = _cleaning(type(backend))
    return backend


@functools.cache
def _cleaning(backend_class):
    compilers = {}
    ranking = {"SQLiteSearchBackend": OneScorePerMatch, "PostgresSearchBackend": OneRankPerGroup}
    if backend_class.__name__ in ranking:
        for name in ("query_compiler_class", "autocomplete_query_compiler_class"):
            compiler = getattr(backend_class, name)
            mixins = (ranking[backend_class.__name__],)
            if backend_class.__name__ == "PostgresSearchBackend" and name == "query_compiler_class":
                mixins = (EachFieldMatched, *mixins)
            compilers[name] = type(compiler.__name__, (*mixins, compiler), {})
    compilers["keeps_tokens_whole"] = backend_class.__name__ == "PostgresSearchBackend"
    return type(backend_class.__name__, (CleanQueries, backend_class), compilers)


class OneScorePerMatch:
    """SQLite's ranking scores an "any of" query once, not once per alternative.

    Wagtail's compiler ranks Or(a, b, c) as (bm25() + bm25() + bm25()) / 3, each bm25() the
    score of the whole MATCH (FTS5 has no score per alternative), so the value is bm25() itself
    at several times the cost per matching row: a word with six synonyms scored each of ~8,000
    lessons twelve times. Only "any of" queries of plain words and phrases collapse, so every
    rank keeps its exact value.
    """

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, Or) and _any_of_texts(query):
            return super().build_tsrank(vector, PlainText(""), config=config, boost=boost)
        return super().build_tsrank(vector, query, config=config, boost=boost)


class OneRankPerGroup:
    """PostgreSQL ranks a term and its synonyms (AnyOf) as one match, not one per alternative.

    Wagtail's compiler ranks Or(a, b, c) as the mean of ts_rank(a), ts_rank(b), ts_rank(c), for
    each field of each matching row: a word with three synonyms cost four ranks where the word
    alone cost one. Here a group is ranked once, with the tsquery that matches it (a | b | c),
    so a search costs one rank per word group and field, with the thesaurus or without it.
    """

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if not isinstance(query, AnyOf):
            return super().build_tsrank(vector, query, config=config, boost=boost)
        tsquery = self.build_tsquery(query, config=config)
        rank = SearchRank(vector, tsquery, weights=self.sql_weights)
        return rank * boost if boost != 1.0 else rank


def _any_of_texts(query):
    if isinstance(query, Or):
        return all(_any_of_texts(sub) for sub in query.subqueries)
    return isinstance(query, (PlainText, Phrase))


class EachFieldMatched:
    """PostgreSQL matches an "any of" query on the title and on the body, each with its own
    index, where Wagtail's compiler matched the two joined (`title || body`): no index serves
    that expression, so every search joined and read every entry's vectors (twice the time of
    matching each, at 10,000 lessons), and the planner, unable to estimate it, guessed 50 rows
    for thousands. Any of some words is in the two joined exactly when it is in one of them; a
    phrase no longer runs on from the end of the title into the body. Other queries (all of
    some words, exclusions) keep the joined vector. Ranking is unchanged.
    """

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self._each_field():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        rank = self._build_rank_expression(self.get_search_vectors(search_query), config)
        queryset = self.queryset.annotate(
            _title_=F("index_entries__title"), _body_=F("index_entries__body")
        ).filter(self.matching(search_query))
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

    def matching(self, tsquery):
        """The condition that an object of the searched queryset has `tsquery`, an "any of"
        query of words and phrases (core.fulltext counts each word's matches with it)."""
        if not self._each_field():
            return Q(_vector_=tsquery)
        return Q(_title_=tsquery) | Q(_body_=tsquery)

    def _each_field(self):
        return self.fields is None and _any_words(self.query)


def _any_words(query):
    """Whether the query is found in two vectors joined exactly when it is found in either:
    any of some words and phrases (a text of several words only if any of them will do)."""
    if isinstance(query, Or):
        return all(_any_words(sub) for sub in query.subqueries)
    if isinstance(query, PlainText):
        return query.operator == "or" or len(query.query_string.split()) == 1
    return isinstance(query, Phrase)


class CleanQueries:
    # Whether the index keeps "2.5" or "report.pdf" as one token (PostgreSQL, Elasticsearch)
    # or cuts it into words (SQLite FTS5 and the fallback), where it is searched as a phrase.
    keeps_tokens_whole = False

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if query is None:  # everything, with modelsearch's deprecation warning
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        if isinstance(query, str):  # all of its words unless asked, as the backend's own
            operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
            query = PlainText(query, operator=operator.lower())
        if query_compiler_class is self.autocomplete_query_compiler_class:
            query = _autocomplete(query)
        query = clean(query, Budget(MAX_SEARCHED_WORDS, self.keeps_tokens_whole), typed=True)
        if query is None:
            return NoWords()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


class NoWords(EmptySearchResults):
    """A query with no word left finds nothing, and has no facets."""

    def facet(self, field_name):
        return OrderedDict()


@dataclass
class Budget:
    words: int  # still allowed in this query
    whole: bool  # keep tokens whole (see CleanQueries.keeps_tokens_whole)


def clean(query, budget, typed=False):
    """The query with only words in its texts (taken from `budget`), or None when no word is
    left. With `typed`, typed text (PlainText) is expanded by the thesaurus first. An exclusion
    has a budget of its own: what a reader asked to leave out is never dropped for length."""
    if isinstance(query, str):
        return _words(query, budget)
    if typed and type(query) is PlainText:
        wanted = expand(query.query_string)
        return clean(search_query(wanted, query.operator), budget) if wanted else None
    if isinstance(query, (Expanded, ExpandedAll)):
        parts = [part for sub in query.subqueries if (part := clean(sub, budget)) is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, PlainText):
        return _plain_text(query, budget)
    if isinstance(query, Phrase):
        text = _words(query.query_string, replace(budget, whole=False))
        return text and Phrase(text)
    if isinstance(query, Fuzzy):
        text = _words(query.query_string, replace(budget, whole=False))
        return text and Fuzzy(text, operator=query.operator, unaccent=query.unaccent)
    if isinstance(query, Not):
        part = clean(query.subquery, Budget(MAX_SEARCHED_WORDS, budget.whole), typed)
        return part and Not(part)
    if isinstance(query, (And, Or)):
        # Exclusions first, so that a long query never uses up their words.
        subqueries = sorted(query.subqueries, key=lambda sub: not isinstance(sub, Not))
        cleaned = {id(sub): clean(sub, budget, typed) for sub in subqueries}
        parts = [cleaned[id(sub)] for sub in query.subqueries if cleaned[id(sub)] is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Boost):
        part = clean(query.subquery, budget, typed)
        return part and Boost(part, query.boost)
    return query  # MatchAll


def _plain_text(query, budget):
    """Typed words, and "2.5" or "report.pdf" whole where the index keeps them whole, else as
    the phrase of their words (found only where those words stand together)."""
    tokens = TOKEN.findall(query.query_string or "")
    if budget.whole:
        text = _take(tokens, budget)
        return text and PlainText(text, operator=query.operator, boost=query.boost)
    words, phrases = [], []
    for token in tokens:
        if budget.words <= 0:
            break
        parts = WORD.findall(token)[: budget.words]
        budget.words -= len(parts)
        if len(parts) == 1:
            words.append(parts[0])
        else:
            phrases.append(Phrase(" ".join(parts)))
    found = (
        [PlainText(" ".join(words), operator=query.operator, boost=query.boost)] if words else []
    )
    found += phrases
    if len(found) <= 1:
        return found[0] if found else None
    return And(found) if query.operator == "and" else Or(found)


def _autocomplete(query):
    """Autocompletion (the admin's page search and choosers) looks for what each term of the
    thesaurus brings too, each phrase's words all wanted, the last as a prefix."""
    if type(query) is not PlainText:
        return query
    wanted = expand(query.query_string)
    if not any(len(w.phrases) > 1 for w in wanted):
        return query
    parts = [AnyOf([PlainText(p, operator="and") for p in w.phrases]) for w in wanted]
    return ExpandedAll(parts) if query.operator == "and" else Expanded(parts)


def _words(text, budget):
    return _take((TOKEN if budget.whole else WORD).findall(text or ""), budget)


def _take(tokens, budget):
    tokens = tokens[: max(budget.words, 0)]
    budget.words -= len(tokens)
    return " ".join(tokens) or None


# Elasticsearch: the same expansion and cleaning, and English word forms. Without an analyser
# of its own, every text field took the standard one, which neither stems nor drops English
# stop words: "receptionists" did not find "reception", as it does on the database backends.
ENGLISH = "english_folded"
ENGLISH_ANALYSER = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": [
        "english_possessive_stemmer",
        "lowercase",
        "asciifolding",
        "english_stop",
        "english_stemmer",
    ],
}
ENGLISH_FILTERS = {
    "english_possessive_stemmer": {"type": "stemmer", "language": "possessive_english"},
    "english_stop": {"type": "stop", "stopwords": "_english_"},
    "english_stemmer": {"type": "stemmer", "language": "english"},
}


class EnglishMapping(elasticsearch9.Elasticsearch9Mapping):
    def get_mapping(self):
        mapping = super().get_mapping()
        _english(mapping["properties"])
        return mapping


def _english(properties):
    """Every full-text field without an analyser of its own reads and searches in English."""
    for field in properties.values():
        if field.get("type") == "text" and "analyzer" not in field:
            field["analyzer"] = ENGLISH
        if "properties" in field:
            _english(field["properties"])


class EnglishQueryCompiler(elasticsearch9.Elasticsearch9SearchQueryCompiler):
    mapping_class = EnglishMapping


class EnglishAutocompleteCompiler(elasticsearch9.Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = EnglishMapping


class ElasticsearchBackend(CleanQueries, elasticsearch9.Elasticsearch9SearchBackend):
    keeps_tokens_whole = True  # its analyser reads "jo@nhs.net" as the index did
    mapping_class = EnglishMapping
    query_compiler_class = EnglishQueryCompiler
    autocomplete_query_compiler_class = EnglishAutocompleteCompiler

    def add(self, obj):
        try:
            super().add(obj)
        except Exception:
            _note_behind(obj)
            raise  # Wagtail logs it and the save carries on

    def delete(self, obj):
        try:
            super().delete(obj)
        except Exception:
            _note_behind(obj)
            raise

    def __init__(self, params):
        super().__init__(params)
        analysis = self.settings["settings"]["analysis"]
        analysis["analyzer"][ENGLISH] = ENGLISH_ANALYSER
        analysis.setdefault("filter", {}).update(ENGLISH_FILTERS)


def _note_behind(obj):
    """Elasticsearch missed obj: note it for core.search_catch_up (imported when first needed,
    so this module stays importable before the apps are ready)."""
    from core.search_catch_up import note

    note(obj)

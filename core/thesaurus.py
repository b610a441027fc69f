"""The thesaurus matched against what a reader typed, before it is cut into words.

Terms are found whole: "ED" is not the start of "education", "DN" not of "DNA". An
abbreviation of up to three capital letters matches only when typed in capitals ("ED", "EDs";
never "ed" or "Ed"; "BAR", never "bar"); every other term in any case. A plural "s" or "es"
and a possessive ("GP's", "DNs") are matched without being listed.

Read from the database once per process and kept: an edit in the admin clears this process's
copy at once (the model's signals), and every other process looks again within CHECK_SECONDS
(one small query), so no search answers from an old thesaurus for longer than that.
"""

import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.models import ThesaurusEntry, split_terms

CHECK_SECONDS = 2.0
_WORD = re.compile(r"[^\W_]+")
_SUFFIX = r"(?:['’]s|['’]|s|es)?"


def phrase(term):
    """A term as the words a search backend looks for, lower case, in order."""
    return " ".join(_WORD.findall(term.casefold()))


@dataclass(frozen=True)
class Term:
    text: str  # as the entry gives it
    pattern: re.Pattern
    also: tuple  # the phrases a search for it also looks for, in the entry's order


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    terms: tuple  # phrase() of each term that matched here
    also: tuple  # what they also look for, without repeats


def _pattern(term):
    parts = re.split(r"(\s*[&/+]\s*|[\s.\-]+|['’])", term)
    body = []
    for position, part in enumerate(parts):
        if position % 2 == 0:
            body.append(re.escape(part))
        elif part in "'’":  # "children's", "childrens", "children’s"
            body.append("['’]?")
        elif part.strip():  # "&", "/" or "+", with or without spaces around it
            body.append(r"\s*" + re.escape(part.strip()) + r"\s*")
        else:  # a space, hyphen or full stop: any of them ("e-learning", "e learning")
            body.append(r"[\s.\-]+")
    body = "".join(body)
    if not is_short_abbreviation(term):
        body = f"(?i:{body})"
    return re.compile(rf"(?<![^\W_]){body}{_SUFFIX}(?![^\W_])")


def is_short_abbreviation(term):
    return len(term) <= 3 and term.isalpha() and term.isupper()


class Thesaurus:
    def __init__(self, entries):
        """`entries`: (terms, one_way) pairs, terms as the admin stores them."""
        self._by_first_word = defaultdict(list)
        for terms, one_way in entries:
            terms = split_terms(terms)
            for term in terms[:1] if one_way else terms:
                also = tuple(phrase(other) for other in terms if other != term)
                first = _WORD.match(term.casefold())
                if first and also:
                    self._by_first_word[first.group()].append(Term(term, _pattern(term), also))

    def __len__(self):
        return sum(len(terms) for terms in self._by_first_word.values())

    def find(self, text):
        """Where the thesaurus's terms are in `text`, left to right, never overlapping: where
        two overlap, the longer (then the earlier) wins; terms of several entries matching the
        same words bring what each of them brings."""
        candidates = {}
        for word in _WORD.findall(text.casefold()):
            for key in {word, word.removesuffix("s"), word.removesuffix("es")}:
                for term in self._by_first_word.get(key, ()):
                    candidates[id(term)] = term
        spans = defaultdict(list)
        for term in candidates.values():
            for found in term.pattern.finditer(text):
                spans[found.span()].append(term)
        chosen, reached = [], 0
        for (start, end), terms in sorted(spans.items(), key=lambda s: (s[0][0], -s[0][1])):
            if start >= reached:
                named = tuple(dict.fromkeys(phrase(term.text) for term in terms))
                also = [p for term in terms for p in term.also if p not in named]
                chosen.append(Found(start, end, named, tuple(dict.fromkeys(also))))
                reached = end
        return chosen


_lock = threading.Lock()
_state = {"thesaurus": None, "stamp": None, "checked": 0.0}


def _stamp():
    row = ThesaurusEntry.objects.aggregate(changed=Max("changed_at"), count=Count("pk"))
    return row["changed"], row["count"]


def current():
    """The thesaurus as the database holds it now (at most CHECK_SECONDS old for changes made
    by another process)."""
    now = time.monotonic()
    thesaurus = _state["thesaurus"]
    if thesaurus is not None and now - _state["checked"] < CHECK_SECONDS:
        return thesaurus
    with _lock:
        stamp = _stamp()
        if thesaurus is None or stamp != _state["stamp"]:
            entries = ThesaurusEntry.objects.values_list("terms", "one_way")
            thesaurus = Thesaurus(entries)
            _state.update(thesaurus=thesaurus, stamp=stamp)
        _state["checked"] = now
    return thesaurus


@receiver(post_save, sender=ThesaurusEntry)
@receiver(post_delete, sender=ThesaurusEntry)
def forget(**kwargs):
    """An entry changed in this process: read the thesaurus again at the next search."""
    _state.update(thesaurus=None, stamp=None)

"""Why a result matched: the words of a search, its synonyms included, marked in a text.

The index stems ("huddles" finds "huddle", "rehab" finds "rehabilitation" through the
thesaurus), so each word is marked wherever a word begins with its stem: the word less a
plural or common ending. A phrase is marked only where its words stand together. The text is
escaped; only the <mark> elements added here are markup.
"""

import functools
import re

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.fulltext import STOP_WORDS, WORD

_ENDINGS = ("ies", "es", "s", "ing", "ed", "ly")
MIN_STEM = 3


def _stem(word):
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _word(word):
    """A short word ("ed", "gp") only whole, with a plural: never the start of "education"."""
    if len(word) <= MIN_STEM:
        return re.escape(word) + r"(?:['’]?s|es)?(?!\w)"
    return re.escape(_stem(word)) + r"\w*"


# Between the words of a phrase: spaces and punctuation, and up to two words left out of the
# search (stop words: "board of directors").
_GAP = r"[\W_]+(?:\w+[\W_]+){0,2}?"


@functools.lru_cache(maxsize=256)
def _pattern(phrases):
    return pattern(phrases)


def pattern(phrases):
    """One expression that finds any of the phrases (each words separated by spaces), longest
    first, or None when there is nothing to mark."""
    alternatives = set()
    for phrase in phrases:
        words = [w for w in WORD.findall(phrase.casefold()) if w not in STOP_WORDS]
        if words:
            alternatives.add(_GAP.join(_word(w) for w in words))
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(ordered) + ")", re.IGNORECASE)


def highlight(text, phrases):
    """`text`, escaped, with what the phrases match marked."""
    found = _pattern(tuple(phrases)) if phrases else None  # once per search, not per card
    if found is None:
        return conditional_escape(text)
    pieces, reached = [], 0
    for each in found.finditer(str(text)):
        pieces.append(conditional_escape(text[reached : each.start()]))
        pieces.append(f"<mark>{conditional_escape(each.group())}</mark>")
        reached = each.end()
    pieces.append(conditional_escape(text[reached:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above

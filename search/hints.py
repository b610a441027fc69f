""" "Did you mean": words close to a misspelt one, from the words of what the reader may read.

The vocabulary is the titles and summaries of the lessons they may read (public ones, and
members-only ones of their networks: LessonPage.objects.readable_by), the tags on anything they
may see (search.tags.visible_tags) and the maturity outcomes. A word found only in a members-only
lesson of another network, or in a draft, is never offered: offering it would say it exists.
"""

import difflib

from core.fulltext import STOP_WORDS, WORD, search_words
from lessons.models import LessonPage
from maturity.models import Dimension
from search.tags import visible_tags

MAX_HINTS = 5


def readable_words(user):
    """The words of what this person may read, in lower case, longer than three letters."""
    phrases = set(visible_tags(user).values_list("name", flat=True))
    phrases |= {d.title for d in Dimension.objects.all()}
    for title, summary in LessonPage.objects.readable_by(user).values_list("title", "summary"):
        phrases.update((title, summary))
    # Each word once, then kept or not: the same words in thousands of lessons were each
    # tested as often as they appear. One pass of the pattern over the phrases, a line each:
    # no word runs across a line's end.
    words = set(WORD.findall("\n".join(phrases).casefold()))
    return {word for word in words if len(word) > 3 and not word.isdigit()} - STOP_WORDS


def did_you_mean(user, query):
    """Up to MAX_HINTS words this person may read that are close to a word of the query that
    is not one of them. Only for the words search looked for, never a stop word."""
    words = readable_words(user)
    hints = []
    for word in search_words(query):
        if word not in words:
            hints += difflib.get_close_matches(word, words, n=2, cutoff=0.75)
    return list(dict.fromkeys(hints))[:MAX_HINTS]

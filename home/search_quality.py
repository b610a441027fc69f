"""How well search answers questions asked the way staff ask them: the question set in
home/demo/search_questions.json, measured over the live demo lessons.

Recall is the share of the answers found in the top 3 results. The precision check asks, for
each of its queries, which lessons in the top 3 are not among the relevant ones: expansion by
the thesaurus must add none that the words alone did not already bring.
"""

from dataclasses import dataclass, field

from core.fulltext import clean_query, match
from home.demo_content import read
from lessons.models import LessonPage

TOP = 3


@dataclass
class Answered:
    q: str
    source: str
    answers: list
    top: list  # slugs of the top results
    found: list = field(default_factory=list)


@dataclass
class Checked:
    q: str
    top: list
    irrelevant: list  # in the top results, not relevant
    added: list  # of those, brought only by expansion


def top_slugs(query, synonyms=True):
    """The slugs of the best TOP live lessons for the query, as site search ranks them for a
    reader who may read every live lesson; with `synonyms` False, without the thesaurus."""
    lessons = LessonPage.objects.live()
    query, _ = clean_query(query)
    ids = match(lessons, query, synonyms=synonyms).ids[:TOP]
    slugs = dict(LessonPage.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


def questions():
    return read("search_questions.json")


def recall(asked=None):
    """(share of answers found in the top 3, each question's Answered)."""
    asked = asked if asked is not None else questions()["questions"]
    answered = []
    for question in asked:
        top = top_slugs(question["q"])
        found = [slug for slug in question["answers"] if slug in top]
        answered.append(
            Answered(question["q"], question["source"], question["answers"], top, found)
        )
    expected = sum(min(len(a.answers), TOP) for a in answered)
    return sum(len(a.found) for a in answered) / expected, answered


def precision(checks=None):
    """Each precision query's irrelevant lessons in the top 3, and those expansion added."""
    checks = checks if checks is not None else questions()["precision"]
    checked = []
    for check in checks:
        top = top_slugs(check["q"])
        irrelevant = [slug for slug in top if slug not in check["relevant"]]
        plain = top_slugs(check["q"], synonyms=False)
        added = [slug for slug in irrelevant if slug not in plain]
        checked.append(Checked(check["q"], top, irrelevant, added))
    return checked

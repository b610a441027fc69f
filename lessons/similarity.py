"""Lessons from contexts like mine: rank lessons by how closely their context matches a
reader's, and say why in plain words.

How the ranking works
---------------------
Each part of the reader's context that they gave is compared with the lesson's, giving a
closeness from 0 to 1. The score is the weighted mean of those closenesses over the parts the
reader gave, so it runs from 0 (nothing alike) to 1 (alike in everything they told us, and
shown to work for a team like theirs), and a reader who gives only an organisation type is not
penalised for the rest.

Weights, and why:
- organisation type 0.25: the strongest sign that structures, funding and culture, the
  conditions that made something work, carry over (seed 004: context is what transfers);
- maturity 0.20: a reader at level N learns most from a lesson one level ahead on the same
  dimension (1.0), then from peers at the same level (0.6) or two ahead (0.5);
- scale 0.15: a team-level change rarely transfers unchanged to a whole system; one step
  apart on team → department → organisation → system → national counts half;
- team experience 0.15: total years in the team, closeness = smaller / larger, because
  experience, not job titles, is what makes a team's results repeatable;
- worked for a team like yours 0.15: a team of the reader's organisation type applied the
  lesson and reported that it worked (1.0) or partly worked (0.5): evidence that the lesson
  carried over to a context like the reader's. It weighs less than the organisation type
  itself because most lessons have not been applied anywhere yet;
- training 0.10: a team member with the same improvement or KM training (a whole word of the
  reader's matched; generic words such as "practitioner" or "none" do not count);
- team size 0.05, region 0.05 and setting 0.05: useful tie-breakers, weaker on their own.

Each criterion below is one object holding its weight, its closeness as a SQL expression and
the words that explain it, so the score and the reasons cannot disagree. A closeness below the
criterion's threshold counts as 0 (a team with a third of the reader's experience is not
"similar"), and a reason is given exactly when the closeness the database computed for that
lesson is above 0: whatever adds to the score is said, and nothing else. The reasons are
worked out only for the few lessons returned, from the closeness columns of the query that
ranks them.

Not every lesson is scored: lessons.candidates scores those of the heaviest criteria first
(`Criterion.candidates`), for the answer scoring them all would give.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    Prefetch,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast

from core.fulltext import clean_query, id_set, match, search_words
from lessons.candidates import ORDER, few, narrowed
from lessons.criteria import CRITERIA, Context  # noqa: F401 (Context: asked for with the ranking)
from lessons.models import LessonMaturityLink, LessonPage

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


@dataclass
class Similar:
    lesson: LessonPage
    score: float
    why: list


def similar_lessons(
    user, context, limit=DEFAULT_LIMIT, exclude=None, among=None, readable=None, about=None
):
    """The readable lessons whose context is closest to `context`, best first, each with its
    score (0 to 1) and the reasons for it; only those in `among` (lessons), when given.
    `readable` is the lessons this reader may read, when the caller has them already
    (LessonPage.objects.readable_by(user) by default). `about`: the lessons some words found
    (core.fulltext.Matches), when the caller matched them itself, in place of `context.q`."""
    lessons = LessonPage.objects.readable_by(user) if readable is None else readable
    if among is not None:
        lessons = lessons.filter(pk__in=among.values("pk"))
    words_found, matched = None, None
    if about is None and search_words(context.q):  # words narrow the candidates; stop words
        query, _ = clean_query(context.q)  # alone do not
        about = match(lessons, query)
    if about is not None:
        lessons = lessons.filter(pk__in=id_set(about.ids))
        words_found, matched = _words_found(about.found), len(about.ids)
    if exclude is not None:
        lessons = lessons.exclude(pk=exclude.pk)
    criteria = [criterion for criterion in CRITERIA if criterion.applies(context)]
    scored = _scored(lessons, context, criteria, words_found)
    if few(lessons, matched):
        ranked = list(scored.select_related("network")[:limit])
    else:
        shown = narrowed(lessons, scored, criteria, context, words_found, limit)
        ranked = _ranked(lessons.filter(pk__in=shown), context, criteria, words_found)[:limit]
    prefetch_related_objects(
        ranked, "team_members", Prefetch("maturity_links", queryset=LessonMaturityLink.labelled())
    )
    return [
        Similar(lesson, round(lesson.similarity, 3), reasons(context, lesson, criteria))
        for lesson in ranked
    ]


def _scored(lessons, context, criteria, words_found=None):
    """These lessons, each with its closeness on each criterion and its score, best first:
    the ranking itself, whatever lessons it is asked over."""
    # Below its threshold a criterion counts as nothing, in the score as in the reasons.
    columns = {f"closeness_{c.name}": Cast(c.counted(context), FloatField()) for c in criteria}
    total = sum(c.weight for c in criteria)
    score = sum((F(f"closeness_{c.name}") * Value(c.weight / total) for c in criteria), Value(0.0))
    return (
        lessons.annotate(**columns)
        .annotate(similarity=Cast(score, FloatField()), words_found=words_found or Value(0))
        .order_by(*ORDER)
    )


def _ranked(lessons, context, criteria, words_found=None):
    """These few lessons (the narrowed candidates) as _scored ranks them, each closeness read
    once: the score is their weighted sum, added in Python in the order and with the weights
    _scored's SQL adds them (the same floating-point sum), so the database need not work out
    each closeness a second time inside the score. The lessons come in the ranking's order
    after the score (the database's, whose NULL dates sort as its ORDER BY sorts them), and
    a stable sort by score puts them in _scored's order."""
    columns = {f"closeness_{c.name}": Cast(c.counted(context), FloatField()) for c in criteria}
    total = sum(c.weight for c in criteria)
    found = list(
        lessons.annotate(**columns, words_found=words_found or Value(0))
        .select_related("network")
        .order_by(*ORDER[1:])
    )
    for lesson in found:
        lesson.similarity = 0.0
        for c in criteria:
            lesson.similarity += getattr(lesson, f"closeness_{c.name}") * (c.weight / total)
    found.sort(key=lambda lesson: -lesson.similarity)
    return found


def _words_found(found):
    """How many of the reader's words each lesson has, as SQL: equally similar lessons with
    more of the words come first."""
    by_count = {}
    for pk, count in found.items():
        by_count.setdefault(count, []).append(pk)
    return Case(
        *(When(pk__in=id_set(ids), then=Value(count)) for count, ids in by_count.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def reasons(context, lesson, criteria):
    """Why a lesson matches, in plain words, strongest criterion first: each criterion whose
    closeness, as the ranking query computed it, is above 0."""
    why = []
    for criterion in criteria:
        closeness = getattr(lesson, f"closeness_{criterion.name}")
        if closeness > 0 and (reason := criterion.reason(context, lesson, closeness)):
            why.append(reason)
    return why

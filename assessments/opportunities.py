"""Development opportunities: for each outcome of a closed assessment below level 4, the
published lessons and case studies linked to the next level on that outcome, ranked by how
alike their context is to the organisation's (the similar-context ranking of
lessons/similarity.py, asked with the organisation's context), those applied with success
elsewhere first among equally alike ones. Only lessons the reader may read; authors and
appliers only where the reader may see their profiles.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from core.vocabulary import Scale
from lessons.models import Application, CoAuthor, LessonPage
from lessons.similarity import MAX_LIMIT, Context, similar_lessons
from lessons.vocabulary import Result
from network.models import Profile

from .models import Unit

PER_OUTCOME = 3
SCALES = {
    Unit.Kind.WHOLE: Scale.ORGANISATION,
    Unit.Kind.DIRECTORATE: Scale.DEPARTMENT,
    Unit.Kind.DIVISION: Scale.DEPARTMENT,
    Unit.Kind.TEAM: Scale.TEAM,
}
SUCCESS = (Result.WORKED, Result.PARTLY)


@dataclass
class Found:
    lesson: LessonPage
    score: float
    why: list
    worked_elsewhere: bool = False
    authors: list = field(default_factory=list)
    appliers: list = field(default_factory=list)


@dataclass
class Opportunity:
    answer: object
    level: object  # the next level (maturity.Level)
    lessons: list


def context_of(assessment, answer):
    """The organisation's context, as the similar-context ranking reads a reader's."""
    organisation = assessment.organisation
    return Context(
        organisation_type=organisation.organisation_type,
        region=organisation.region,
        scale=SCALES[assessment.unit.kind],
        dimension=answer.dimension,
        level=answer.counted_level,
    )


def lessons_at(dimension, number):
    return LessonPage.objects.filter(
        maturity_links__dimension=dimension, maturity_links__level=number
    )


def for_outcome(assessment, answer, reader, limit=PER_OUTCOME):
    """The lessons for one outcome below 4, best first (none at 4 or not answered)."""
    if answer.next_level is None:
        return []
    among = lessons_at(answer.dimension, answer.counted_level + 1)
    ranked = similar_lessons(reader, context_of(assessment, answer), MAX_LIMIT, among=among)
    worked = set(
        Application.objects.filter(
            lesson__in=[item.lesson.pk for item in ranked], result__in=SUCCESS
        ).values_list("lesson", flat=True)
    )
    found = [Found(item.lesson, item.score, item.why, item.lesson.pk in worked) for item in ranked]
    # The sort is stable: equally alike lessons keep the ranking's order otherwise.
    found.sort(key=lambda item: (-item.score, not item.worked_elsewhere))
    return found[:limit]


def for_assessment(assessment, reader, limit=PER_OUTCOME):
    """One Opportunity for each outcome below 4 of a closed assessment (none for a draft)."""
    if not assessment.is_closed:
        return []
    opportunities = [
        Opportunity(answer, answer.next_level, for_outcome(assessment, answer, reader, limit))
        for answer in assessment.answers_in_order()
        if answer.next_level is not None
    ]
    _add_people(reader, [found for o in opportunities for found in o.lessons])
    return opportunities


def _add_people(reader, found):
    """Each lesson's authors and appliers whose profiles the reader may see, in two queries."""
    pks = [item.lesson.pk for item in found]
    if not pks:
        return
    co_authors = CoAuthor.objects.filter(lesson__in=pks).values_list("lesson", "user")
    applied = Application.objects.filter(lesson__in=pks, applier__isnull=False)
    applied = applied.order_by().values_list("lesson", "applier").distinct()
    authors = {item.lesson.pk: [item.lesson.owner_id] for item in found}
    for lesson, user in co_authors:
        authors[lesson].append(user)
    appliers = {pk: [] for pk in pks}
    for lesson, user in applied:
        appliers[lesson].append(user)
    everyone = {user for users in [*authors.values(), *appliers.values()] for user in users}
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.visible_to(reader).filter(Q(user_id__in=everyone))
    }
    for item in found:
        pk = item.lesson.pk
        item.authors = [profiles[u] for u in authors[pk] if u in profiles]
        item.appliers = [profiles[u] for u in appliers[pk] if u in profiles]

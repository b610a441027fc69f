"""Lessons from contexts like mine: rank lessons by how closely their context matches a
reader's, and say why in plain words.

How the ranking works
---------------------
Each part of the reader's context that they gave is compared with the lesson's, giving a
closeness from 0 to 1. The score is the weighted mean of those closenesses over the parts the
reader gave, so it runs from 0 (nothing alike) to 1 (alike in everything they told us), and a
reader who gives only an organisation type is not penalised for the rest.

Weights, and why:
- organisation type 0.25: the strongest sign that structures, funding and culture, the
  conditions that made something work, carry over (seed 004: context is what transfers);
- maturity 0.20: a reader at level N learns most from a lesson one level ahead on the same
  dimension (1.0), then from peers at the same level (0.6) or two ahead (0.5);
- scale 0.15: a team-level change rarely transfers unchanged to a whole system; one step
  apart on team → department → organisation → system → national counts half;
- team experience 0.15: total years in the team, closeness = smaller / larger, because
  experience, not job titles, is what makes a team's results repeatable;
- training 0.10: a team member with the same improvement or KM training (any word matched);
- team size 0.05, region 0.05 and setting 0.05: useful tie-breakers, weaker on their own.

The score is computed in SQL over every visible lesson (one query), and the reasons only for
the few lessons returned.
"""

import re
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Greatest

from core.fulltext import clean_query, id_set, match
from core.vocabulary import OrganisationType, Region, Scale
from lessons.models import LessonMaturityLink, LessonPage, TeamMember
from maturity.models import Dimension

WEIGHTS = {
    "organisation_type": 0.25,
    "maturity": 0.20,
    "scale": 0.15,
    "years_experience": 0.15,
    "training": 0.10,
    "team_size": 0.05,
    "region": 0.05,
    "setting": 0.05,
}
SCALE_ORDER = list(Scale.values)
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


@dataclass
class Context:
    """A reader's description of their own context. Every part is optional."""

    organisation_type: str = ""
    setting: str = ""
    region: str = ""
    scale: str = ""
    team_size: int | None = None
    years_experience: int | None = None
    training: str = ""
    dimension: Dimension | None = None
    level: int | None = None
    q: str = ""

    def given(self):
        parts = {
            "organisation_type": bool(self.organisation_type),
            "maturity": self.dimension is not None and self.level is not None,
            "scale": bool(self.scale),
            "years_experience": self.years_experience is not None,
            "training": bool(self.words(self.training)),
            "team_size": self.team_size is not None,
            "region": bool(self.region),
            "setting": bool(self.words(self.setting)),
        }
        return [name for name, present in parts.items() if present]

    @staticmethod
    def words(text):
        return [w for w in re.findall(r"[\w-]+", text.lower()) if len(w) > 2][:8]

    @classmethod
    def of_lesson(cls, lesson):
        link = next(iter(lesson.maturity_links.all()), None)
        return cls(
            organisation_type=lesson.organisation_type,
            setting=lesson.setting,
            region=lesson.region,
            scale=lesson.scale,
            team_size=lesson.team_size or None,
            years_experience=lesson.team_years or None,
            dimension=link.dimension if link else None,
            level=link.level if link else None,
        )


@dataclass
class Similar:
    lesson: LessonPage
    score: float
    why: list


def _closeness(column, wanted):
    """1 when equal, falling towards 0 as the two numbers differ (smaller / larger)."""
    wanted = float(wanted)
    larger = Greatest(Cast(F(column), FloatField()), Value(wanted), Value(1.0))
    return Value(1.0) - Abs(Cast(F(column), FloatField()) - Value(wanted)) / larger


def _parts(context):
    """A SQL expression of closeness (0–1) for each part of the context given."""
    parts = {}
    if context.organisation_type:
        parts["organisation_type"] = Case(
            When(organisation_type=context.organisation_type, then=Value(1.0)),
            default=Value(0.0),
        )
    if context.dimension is not None and context.level is not None:
        links = LessonMaturityLink.objects.filter(
            lesson_id=OuterRef("pk"), dimension=context.dimension
        )
        parts["maturity"] = Case(
            When(Exists(links.filter(level=context.level + 1)), then=Value(1.0)),
            When(Exists(links.filter(level=context.level)), then=Value(0.6)),
            When(Exists(links.filter(level=context.level + 2)), then=Value(0.5)),
            default=Value(0.0),
        )
    if context.scale:
        position = SCALE_ORDER.index(context.scale)
        near = [s for i, s in enumerate(SCALE_ORDER) if abs(i - position) == 1]
        parts["scale"] = Case(
            When(scale=context.scale, then=Value(1.0)),
            When(scale__in=near, then=Value(0.5)),
            default=Value(0.0),
        )
    if context.years_experience is not None:
        parts["years_experience"] = Case(
            When(team_size=0, then=Value(0.0)),
            default=_closeness("team_years", context.years_experience),
        )
    if words := context.words(context.training):
        trained = Q()
        for word in words:
            trained |= Q(training__icontains=word)
        members = TeamMember.objects.filter(trained, lesson_id=OuterRef("pk"))
        parts["training"] = Case(When(Exists(members), then=Value(1.0)), default=Value(0.0))
    if context.team_size is not None:
        parts["team_size"] = Case(
            When(team_size=0, then=Value(0.0)),
            default=_closeness("team_size", context.team_size),
        )
    if context.region:
        parts["region"] = Case(When(region=context.region, then=Value(1.0)), default=Value(0.0))
    if words := context.words(context.setting):
        alike = Q()
        for word in words:
            alike |= Q(setting__icontains=word)
        parts["setting"] = Case(When(alike, then=Value(1.0)), default=Value(0.0))
    return parts


def similar_lessons(user, context, limit=DEFAULT_LIMIT, exclude=None):
    """The visible lessons whose context is closest to `context`, best first."""
    lessons = LessonPage.objects.readable_by(user)
    if context.q:
        query, _ = clean_query(context.q)
        lessons = lessons.filter(pk__in=id_set(match(lessons, query).ids))
    if exclude is not None:
        lessons = lessons.exclude(pk=exclude.pk)
    parts = _parts(context)
    total = sum(WEIGHTS[name] for name in parts)
    if total:
        score = sum(
            (part * Value(WEIGHTS[name]) for name, part in parts.items()), Value(0.0)
        ) / Value(total)
    else:
        score = Value(0.0)
    ranked = (
        lessons.annotate(similarity=Cast(score, FloatField()))
        .order_by("-similarity", "-date", "-pk")
        .select_related("network")
        .prefetch_related("team_members", "maturity_links__dimension")[:limit]
    )
    return [
        Similar(lesson, round(lesson.similarity, 3), reasons(context, lesson)) for lesson in ranked
    ]


def reasons(context, lesson):
    """Why a lesson matches, in plain words, strongest first."""
    why = []
    if context.organisation_type and lesson.organisation_type == context.organisation_type:
        why.append(f"same organisation type: {OrganisationType(lesson.organisation_type).label}")
    if context.dimension is not None and context.level is not None:
        for link in lesson.maturity_links.all():
            if link.dimension_id != context.dimension.pk:
                continue
            step = link.level - context.level
            name = context.dimension.short_title
            if step == 1:
                why.append(f"one level ahead on {name} (level {link.level})")
            elif step == 0:
                why.append(f"at the same level on {name} (level {link.level})")
            elif step == 2:
                why.append(f"two levels ahead on {name} (level {link.level})")
    if context.scale and lesson.scale == context.scale:
        why.append(f"same scale: {Scale(lesson.scale).label.lower()}")
    if context.years_experience is not None and lesson.team_size:
        a, b = context.years_experience, lesson.team_years
        if max(a, b) and min(a, b) / max(a, b) >= 0.7:
            why.append(f"a team of similar experience: {a} vs {b} years")
    if words := context.words(context.training):
        for member in lesson.team_members.all():
            shared = [t for t in member.training_list if any(w in t.lower() for w in words)]
            if shared:
                why.append(f"the team had similar training: {shared[0]}")
                break
    if context.team_size is not None and lesson.team_size == context.team_size:
        why.append(f"a team of the same size: {lesson.team_size}")
    if context.region and lesson.region == context.region:
        why.append(f"same region: {Region(lesson.region).label}")
    if (words := context.words(context.setting)) and any(
        w in lesson.setting.lower() for w in words
    ):
        why.append(f"a similar setting: {lesson.setting}")
    return why

"""The ways a lesson's context can be like a reader's: the reader's `Context`, and each
`Criterion` with its weight, its closeness as SQL and the words that explain it, so a score and
its reasons cannot disagree (the weights and why: lessons/similarity.py)."""

import re
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Greatest
from django.db.models.lookups import GreaterThanOrEqual

from core.fulltext import id_set
from core.vocabulary import OrganisationType, Region, Scale
from lessons.candidates import near
from lessons.models import Application, LessonMaturityLink, TeamMember
from lessons.vocabulary import Result
from maturity.models import Dimension

SCALE_ORDER = list(Scale.values)


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
    # A reader's own context ("like yours"), or a lesson's (lessons like this one).
    is_readers: bool = True
    # What the criteria looked up for this context, kept for the next ranking of it.
    looked_up: dict = field(default_factory=dict, repr=False, compare=False)

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
            is_readers=False,
        )


def _words(text):
    return Context.words(text)


# Words that say nothing about which training a team had ("QSIR practitioner" and "Lean
# practitioner" are different trainings; "none formally" is none).
GENERIC_TRAINING_WORDS = frozenset(
    (  # noqa: SIM905 (a list of words reads best as words)
        "and the for with none not formal formally training trained course courses practitioner "
        "practitioners certificate certified foundation level programme basic advanced"
    ).split()
)
# What separates words in a team member's training.
TRAINING_SEPARATORS = ("\n", "\r", "\t", ",", ";", "/", "(", ")", ".", ":", "&", "+")


def _training_words(text):
    return [word for word in _words(text) if word not in GENERIC_TRAINING_WORDS]


def _padded_training(text):
    """A training, lower case, separators made spaces, a space at each end: " qsir  lean "
    holds " qsir " exactly when the training has the whole word qsir."""
    text = text.lower()
    for separator in TRAINING_SEPARATORS:
        text = text.replace(separator, " ")
    return f" {text} "


def _closeness(column, wanted):
    """1 when equal, falling towards 0 as the two numbers differ (smaller / larger)."""
    wanted = float(wanted)
    larger = Greatest(Cast(F(column), FloatField()), Value(wanted), Value(1.0))
    return Value(1.0) - Abs(Cast(F(column), FloatField()) - Value(wanted)) / larger


def _equal(column, wanted):
    return Case(When(**{column: wanted}, then=Value(1.0)), default=Value(0.0))


def _at_least(closeness, threshold):
    closeness = Cast(closeness, FloatField())
    return Case(When(GreaterThanOrEqual(closeness, threshold), then=closeness), default=0.0)


@dataclass(frozen=True)
class Criterion:
    """One way two contexts can be alike. Subclasses say how close (SQL, 0 to 1) and why."""

    name: str
    weight: float
    threshold: float = 1.0  # below it, the closeness counts as 0 (and no reason is given)
    # Whether the lessons it finds are usually many (a range or one of a few values): those
    # are looked at last when narrowing the candidates (similar_lessons).
    broad: bool = False

    def applies(self, context) -> bool:
        raise NotImplementedError

    def closeness(self, context):
        raise NotImplementedError

    def counted(self, context):
        """The closeness as it counts in the score: 0 below the threshold. Most criteria's
        closenesses above 0 all reach it; those that need the test override this."""
        return self.closeness(context)

    def candidates(self, context) -> Q:
        """Lessons that may reach the threshold (a condition on LessonPage the database can
        answer from an index or a cheap test): every lesson outside has a closeness of 0."""
        raise NotImplementedError

    def reason(self, context, lesson, closeness) -> str | None:
        raise NotImplementedError


class SameOrganisationType(Criterion):
    def applies(self, context):
        return bool(context.organisation_type)

    def closeness(self, context):
        return _equal("organisation_type", context.organisation_type)

    def candidates(self, context):
        return Q(organisation_type=context.organisation_type)

    def reason(self, context, lesson, closeness):
        return f"same organisation type: {OrganisationType(lesson.organisation_type).label}"


class MaturityAhead(Criterion):
    """One level ahead on the reader's dimension teaches most; the same level or two ahead less."""

    STEPS = {1: 1.0, 0: 0.6, 2: 0.5}
    WORDS = {1: "one level ahead", 0: "at the same level", 2: "two levels ahead"}

    def applies(self, context):
        return context.dimension is not None and context.level is not None

    def closeness(self, context):
        links = LessonMaturityLink.objects.filter(dimension=context.dimension)
        return Case(
            *(
                When(
                    pk__in=links.filter(level=context.level + step).values("lesson_id"),
                    then=Value(value),
                )
                for step, value in self.STEPS.items()
            ),
            default=Value(0.0),
        )

    def candidates(self, context):
        steps = [context.level + step for step in self.STEPS]
        links = LessonMaturityLink.objects.filter(dimension=context.dimension, level__in=steps)
        return Q(pk__in=links.values("lesson_id"))

    def reason(self, context, lesson, closeness):
        for link in lesson.maturity_links.all():
            step = link.level - context.level
            if link.dimension_id == context.dimension.pk and step in self.WORDS:
                return f"{self.WORDS[step]}: {link.label}"
        return None


class NearbyScale(Criterion):
    """team → department → organisation → system → national: one step apart counts half."""

    def applies(self, context):
        return bool(context.scale)

    def closeness(self, context):
        position = SCALE_ORDER.index(context.scale)
        near = [s for i, s in enumerate(SCALE_ORDER) if abs(i - position) == 1]
        return Case(
            When(scale=context.scale, then=Value(1.0)),
            When(scale__in=near, then=Value(0.5)),
            default=Value(0.0),
        )

    def candidates(self, context):
        position = SCALE_ORDER.index(context.scale)
        return Q(scale__in=SCALE_ORDER[max(0, position - 1) : position + 2])

    def reason(self, context, lesson, closeness):
        if closeness < 1:
            return f"a nearby scale: {Scale(lesson.scale).label.lower()}"
        return f"same scale: {Scale(lesson.scale).label.lower()}"


class _TeamFigure(Criterion):
    """Close on one figure of the team's (a lesson with no team recorded is not close)."""

    column = wanted = None  # the lesson's column, the reader's Context attribute

    def applies(self, context):
        return getattr(context, self.wanted) is not None

    def closeness(self, context):
        return Case(
            When(team_size=0, then=Value(0.0)),
            default=_closeness(self.column, getattr(context, self.wanted)),
        )

    def counted(self, context):
        return _at_least(self.closeness(context), self.threshold)

    def candidates(self, context):
        return near(self.column, getattr(context, self.wanted), self.threshold)


class SimilarTeamExperience(_TeamFigure):
    column, wanted = "team_years", "years_experience"

    def reason(self, context, lesson, closeness):
        return (
            f"a team of similar experience: {context.years_experience} vs {lesson.team_years} years"
        )


class SimilarTraining(Criterion):
    """A team member's training has a word of the reader's, whole ("qsir" is not in
    "qsirs"), generic words aside ("practitioner", "none")."""

    def applies(self, context):
        return bool(_training_words(context.training))

    def closeness(self, context):
        return Case(When(self.candidates(context), then=Value(1.0)), default=Value(0.0))

    def candidates(self, context):
        return Q(pk__in=id_set(self._trained(context)))

    @staticmethod
    def _trained(context):
        """The ids of the lessons whose team had such training, looked up once per context:
        the trainings that have a reader's word anywhere (a plain LIKE, which holds wherever
        the whole word does), then whether they have it as a whole word, in Python (replacing
        the separators in SQL took longer than the rest of the ranking), once for each
        different training: teams share a few, so most team members' are answered already."""
        words = _training_words(context.training)
        key = ("training", *words)
        if key not in context.looked_up:
            mentioned = Q()
            for word in words:
                mentioned |= Q(training__icontains=word)
            members = TeamMember.objects.filter(mentioned).order_by()
            whole, trained = {}, set()
            for lesson_id, training in members.values_list("lesson_id", "training"):
                if training not in whole:
                    padded = _padded_training(training)
                    whole[training] = any(f" {word} " in padded for word in words)
                if whole[training]:
                    trained.add(lesson_id)
            context.looked_up[key] = trained
        return context.looked_up[key]

    def reason(self, context, lesson, closeness):
        words = _training_words(context.training)
        for member in lesson.team_members.all():
            for training in member.training_list:
                if any(f" {word} " in _padded_training(training) for word in words):
                    return f"the team had similar training: {training}"
        return None


class WorkedForATeamLikeYours(Criterion):
    """A team of the reader's organisation type applied the lesson: it worked, or partly."""

    RESULTS = {Result.WORKED: 1.0, Result.PARTLY: 0.5}

    def applies(self, context):
        return bool(context.organisation_type)

    def closeness(self, context):
        alike = Application.objects.filter(organisation_type=context.organisation_type)
        return Case(
            *(
                When(pk__in=alike.filter(result=result).values("lesson_id"), then=Value(value))
                for result, value in self.RESULTS.items()
            ),
            default=Value(0.0),
        )

    def candidates(self, context):
        alike = Application.objects.filter(
            organisation_type=context.organisation_type, result__in=list(self.RESULTS)
        )
        return Q(pk__in=alike.values("lesson_id"))

    def reason(self, context, lesson, closeness):
        how = "worked" if closeness >= self.RESULTS[Result.WORKED] else "partly worked"
        kind = OrganisationType(context.organisation_type)
        team = "a team" if kind == OrganisationType.OTHER else _a(f"{kind.label.lower()} team")
        if context.is_readers:
            return f"{how} for {team} like yours"
        return f"{how} when {team} applied it"


def _a(noun):
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


class SameTeamSize(_TeamFigure):
    column, wanted = "team_size", "team_size"

    def reason(self, context, lesson, closeness):
        if closeness < 1:
            return f"a team of similar size: {lesson.team_size} (yours {context.team_size})"
        return f"a team of the same size: {lesson.team_size}"


class SameRegion(Criterion):
    def applies(self, context):
        return bool(context.region)

    def closeness(self, context):
        return _equal("region", context.region)

    def candidates(self, context):
        return Q(region=context.region)

    def reason(self, context, lesson, closeness):
        return f"same region: {Region(lesson.region).label}"


class SimilarSetting(Criterion):
    def applies(self, context):
        return bool(_words(context.setting))

    def closeness(self, context):
        return Case(When(self.candidates(context), then=Value(1.0)), default=Value(0.0))

    def candidates(self, context):
        alike = Q()
        for word in _words(context.setting):
            alike |= Q(setting__icontains=word)
        return alike

    def reason(self, context, lesson, closeness):
        return f"a similar setting: {lesson.setting}"


# Strongest first: the order in which reasons are given. Weights as explained above.
CRITERIA = (
    SameOrganisationType("organisation_type", 0.25),
    MaturityAhead("maturity", 0.20, threshold=0.5),
    NearbyScale("scale", 0.15, threshold=0.5, broad=True),
    SimilarTeamExperience("years_experience", 0.15, threshold=0.7, broad=True),
    WorkedForATeamLikeYours("applied_alike", 0.15, threshold=0.5),
    SimilarTraining("training", 0.10),
    SameTeamSize("team_size", 0.05, threshold=0.7, broad=True),
    SameRegion("region", 0.05),
    SimilarSetting("setting", 0.05),
)

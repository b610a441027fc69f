"""After an assessment closes: peers' lessons at a level of an outcome, and an action plan."""

import datetime

from assessments import plans
from assessments.models import Action, ActionLesson, Discussion
from tests.builders.assessments import assessment
from tests.builders.lessons import context, plain


def at_level(slug, code="qiof-2", level=3, **fields):
    """A lessons/v1 lesson linked to `level` of outcome `code`, with only its own words."""
    fields.setdefault("context", context())
    return plain(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        maturity=[{"dimension": code, "level": level}],
        **fields,
    )


def plan_of(assessment, lead):
    return plans.make_plan(assessment, lead)


def after_closing(unit, lead, lesson):
    """A closed assessment of `unit` with everything that follows: the discussion, the
    region's feedback, and a plan whose one action is done and draws on `lesson`."""
    closed = assessment(unit, lead, levels=(2,), closed=True)
    Discussion.record(
        closed, lead, held_on=datetime.date(2026, 11, 2), took_part="Chief Nurse", decided={}
    )
    closed.feedback.create(text="A good start.")
    plan = plans.make_plan(closed, lead)
    Action.objects.filter(plan=plan).update(status=Action.Status.DONE)
    ActionLesson.objects.get_or_create(action=plan.actions.get(), lesson=lesson)
    return closed

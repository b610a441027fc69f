"""After an assessment closes: peers' lessons at a level of an outcome, and an action plan."""

from assessments import plans
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

"""Every similarity criterion, case by case: a reason is shown to this reader exactly when its
criterion scores above zero for the lesson, in words that say how close it is; a training that
differs, is generic ("practitioner") or absent ("none formally") gives no "similar training"."""

import pytest

from lessons.similarity import CRITERIA, Context, similar_lessons
from maturity.models import Dimension
from tests.builders.accounts import make_user
from tests.builders.lessons import applied, context, plain


def member(role, years, training=()):
    return {"role": role, "years_experience": years, "training": list(training)}


LESSONS = {
    "near": context(
        org="acute_trust",
        setting="inpatient wards",
        team=[
            member("Ward sister", 18, ["QSIR practitioner"]),
            member("Librarian", 2, ["Measurement for improvement"]),
        ],
        maturity=2,
        applied=("acute_trust", "worked"),
    ),
    "partly": context(
        org="acute_trust",
        scale="organisation",
        setting="community wards",
        team=[
            member("Matron", 10, ["Lean practitioner"]),
            member("Nurse", 5, ["QSIRs course"]),
            member("Porter", 0),
        ],
        maturity=1,
        applied=("acute_trust", "partly"),
    ),
    "far": context(
        org="primary_care",
        region="london",
        scale="national",
        setting="GP practices",
        team=[member("GP", 3, ["None formally"])],
        maturity=4,
        applied=("primary_care", "worked"),
    ),
    "none": {"team": [], "maturity": None},
}

# (criterion, lesson, the reason shown, or None when the criterion scores 0). A reason is
# matched by its beginning (a maturity level's label follows the colon).
TABLE = [
    ("organisation_type", "near", "same organisation type: Acute trust"),
    ("organisation_type", "partly", "same organisation type: Acute trust"),
    ("organisation_type", "far", None),
    ("organisation_type", "none", None),
    ("maturity", "near", "one level ahead: "),
    ("maturity", "partly", "at the same level: "),
    ("maturity", "far", None),
    ("maturity", "none", None),
    ("scale", "near", "same scale: a department"),
    ("scale", "partly", "a nearby scale: a whole organisation"),
    ("scale", "far", None),
    ("scale", "none", None),
    ("years_experience", "near", "a team of similar experience: 20 vs 20 years"),
    ("years_experience", "partly", "a team of similar experience: 20 vs 15 years"),
    ("years_experience", "far", None),
    ("years_experience", "none", None),
    ("applied_alike", "near", "worked for an acute trust team like yours"),
    ("applied_alike", "partly", "partly worked for an acute trust team like yours"),
    ("applied_alike", "far", None),
    ("applied_alike", "none", None),
    ("training", "near", "the team had similar training: QSIR practitioner"),
    ("training", "partly", None),  # "Lean practitioner", "QSIRs course": not QSIR
    ("training", "far", None),  # "None formally"
    ("training", "none", None),
    ("team_size", "near", "a team of the same size: 2"),
    ("team_size", "partly", None),  # 3 for 2
    ("team_size", "far", None),
    ("team_size", "none", None),
    ("region", "near", "same region: South West"),
    ("region", "partly", "same region: South West"),
    ("region", "far", None),
    ("region", "none", None),
    ("setting", "near", "a similar setting: inpatient wards"),
    ("setting", "partly", "a similar setting: community wards"),
    ("setting", "far", None),
    ("setting", "none", None),
]


@pytest.fixture(scope="module")
def found(module_lessons, django_db_blocker):
    lessons = []
    for slug, data in LESSONS.items():
        data = dict(data)
        level, application = data.pop("maturity"), data.pop("applied", None)
        maturity = [] if level is None else [{"dimension": "qiof-2", "level": level}]
        lessons.append((plain(slug=slug, title=slug, context=data, maturity=maturity), application))
    module_lessons(*(lesson for lesson, _ in lessons))
    with django_db_blocker.unblock():
        for lesson, application in lessons:
            if application:
                applied(lesson["slug"], organisation_type=application[0], result=application[1])
        reader = Context(
            organisation_type="acute_trust",
            scale="department",
            years_experience=20,
            team_size=2,
            training="QSIR",
            dimension=Dimension.objects.get(code="qiof-2"),
            level=1,
            region="south_west",
            setting="wards",
        )
        results = similar_lessons(make_user("reader@example.nhs.uk"), reader, limit=50)
    return {item.lesson.slug: item for item in results}


def test_the_table_covers_every_criterion_both_ways():
    named = {c.name for c in CRITERIA}
    assert {name for name, _, _ in TABLE} == named
    for name in named:
        shown = {reason is not None for n, _, reason in TABLE if n == name}
        assert shown == {True, False}, name


@pytest.mark.parametrize(("criterion", "slug", "reason"), TABLE)
def test_a_reason_is_shown_exactly_when_its_criterion_scores_above_zero(
    found, criterion, slug, reason
):
    item = found[slug]
    closeness = getattr(item.lesson, f"closeness_{criterion}")
    assert (closeness > 0) is (reason is not None), (closeness, item.why)
    if reason is not None:
        assert any(why.startswith(reason) for why in item.why), item.why


@pytest.mark.parametrize("slug", LESSONS)
def test_no_reason_is_shown_beyond_those_of_the_table(found, slug):
    expected = [reason for _, s, reason in TABLE if s == slug and reason is not None]
    assert len(found[slug].why) == len(expected), found[slug].why

"""Similar lessons are found among a few candidates (lessons/similarity.py, `_narrowed`), not by
scoring every lesson: the answer must be the very one scoring every lesson gives. Generated
worlds (seeded) of lessons with few distinct values, so that scores tie and sit on thresholds,
are asked many contexts, limits and readers, and each answer is compared with scoring all."""

import random

from django.contrib.auth.models import AnonymousUser

import pytest

from core.fulltext import clean_query, id_set, match, search_words
from core.vocabulary import OrganisationType, Scale
from home import site_tree as tree
from lessons import similarity
from lessons.models import LessonPage
from lessons.similarity import CRITERIA, Context, similar_lessons
from maturity.models import Dimension
from tests.builders.accounts import make_user
from tests.builders.lessons import applied, document, plain
from tests.builders.network import make_member

NETWORKS = [
    {"slug": "open", "title": "Open network", "purpose": "Open.", "visibility": "public"},
    {"slug": "closed", "title": "Closed network", "purpose": "Closed.", "visibility": "members"},
]
ORGANISATION_TYPES = OrganisationType.values[:3]
REGIONS = ["london", "south_west", "north_west"]
SETTINGS = ["inpatient wards", "community nursing", "GP practices"]
TRAINING = ["QSIR practitioner", "Lean; QSIR", "qsirs", "none formally", "Six Sigma", "lean"]
TITLES = ["Ward huddles", "Board briefings", "Huddles for the board", "Knowledge cafe"]
DATES = ["2024-01-01", "2025-06-01", "2025-06-01"]


def world(rng, size):
    codes = list(Dimension.objects.values_list("code", flat=True)[:2])
    lessons = []
    for n in range(size):
        team = [
            {
                "role": "Librarian",
                "years_experience": rng.choice([0, 3, 7, 10, 14, 20]),
                "training": [rng.choice(TRAINING)],
            }
            for _ in range(rng.randint(0, 3))
        ]
        lessons.append(
            plain(
                slug=f"lesson-{n}",
                title=f"{rng.choice(TITLES)} {n}",
                date=rng.choice(DATES),
                network=rng.choice(["open", "open", "closed"]),
                visibility=rng.choice(["public", "public", "members"]),
                context={
                    "organisation_type": rng.choice(ORGANISATION_TYPES),
                    "setting": rng.choice(SETTINGS),
                    "region": rng.choice(REGIONS),
                    "scale": rng.choice(Scale.values),
                    "team": team,
                },
                maturity=[
                    {"dimension": code, "level": rng.randint(0, 4)}
                    for code in rng.sample(codes, rng.randint(0, 2))
                ],
            )
        )
    tree.import_lessons(document(*lessons, networks=NETWORKS))
    for n in rng.sample(range(size), size // 4):
        applied(
            f"lesson-{n}",
            result=rng.choice(["worked", "partly", "", "did_not_work"]),
            organisation_type=rng.choice(ORGANISATION_TYPES),
        )


def a_context(rng):
    dimension = rng.choice([None, *Dimension.objects.all()[:2]])
    given = {
        "organisation_type": rng.choice(ORGANISATION_TYPES),
        "setting": rng.choice(["wards", "community", "practices"]),
        "region": rng.choice(REGIONS),
        "scale": rng.choice(Scale.values),
        "team_size": rng.randint(1, 4),
        "years_experience": rng.choice([0, 5, 7, 10, 20, 30]),
        "training": rng.choice(["QSIR", "lean", "six sigma", "practitioner"]),
        "q": rng.choice(["huddles", "board", "cafe wards"]),
    }
    chosen = {key: value for key, value in given.items() if rng.random() < 0.5}
    if dimension is not None:
        chosen.update(dimension=dimension, level=rng.randint(0, 3))
    return Context(**chosen)


def scoring_every_lesson(user, context, limit, exclude=None, among=None):
    """The ranking by definition: every lesson the reader may read, scored and sorted."""
    lessons = LessonPage.objects.readable_by(user)
    if among is not None:
        lessons = lessons.filter(pk__in=among.values("pk"))
    words_found = None
    if search_words(context.q):
        query, _ = clean_query(context.q)
        matches = match(lessons, query)
        lessons = lessons.filter(pk__in=id_set(matches.ids))
        words_found = similarity._words_found(matches.found)
    if exclude is not None:
        lessons = lessons.exclude(pk=exclude.pk)
    criteria = [criterion for criterion in CRITERIA if criterion.applies(context)]
    ranked = similarity._scored(lessons, context, criteria, words_found)[:limit]
    return [
        (lesson.pk, round(lesson.similarity, 3), similarity.reasons(context, lesson, criteria))
        for lesson in ranked
    ]


def answer(found):
    return [(item.lesson.pk, item.score, item.why) for item in found]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_few_candidates_give_the_ranking_of_every_lesson(site_tree, settings, seed):
    settings.SIMILAR_LESSONS_SCORED_ALL_UP_TO = 0  # narrowed however few the lessons
    rng = random.Random(seed)
    world(rng, 36)
    readers = [
        AnonymousUser(),
        make_user("member@example.nhs.uk"),
        make_member("closed", email="closed@example.nhs.uk"),
    ]
    lessons = list(LessonPage.objects.live())
    for _ in range(40):
        context = a_context(rng)
        reader = rng.choice(readers)
        limit = rng.choice([1, 2, 3, 5, 10])
        exclude = rng.choice([None, rng.choice(lessons)])
        among = rng.choice(
            [None, LessonPage.objects.filter(pk__in=[x.pk for x in rng.sample(lessons, 12)])]
        )
        expected = scoring_every_lesson(reader, context, limit, exclude, among)
        assert answer(similar_lessons(reader, context, limit, exclude, among)) == expected, (
            seed,
            context,
            limit,
        )

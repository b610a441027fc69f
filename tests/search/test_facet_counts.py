"""Facet counts in one query give exactly what counting each facet plainly, lesson by lesson,
gives: over generated lessons, for a reader's whole library, a filtered search and the ids a
full-text match found."""

import random
from collections import Counter

from django.contrib.auth.models import AnonymousUser

import pytest

from core.fulltext import id_set, match
from lessons.generated import fake_lesson, fake_networks
from lessons.models import LessonPage
from lessons.vocabulary import Beneficiary, ImpactType
from maturity.models import Dimension
from search.lessons import FACET_NAMES, facet_counts
from tests.builders.network import make_member


@pytest.fixture
def generated(import_lessons):
    rng = random.Random(26)
    networks = fake_networks()
    codes = list(Dimension.objects.values_list("code", flat=True))
    lessons = []
    for n in range(40):
        data = fake_lesson(rng, n, codes, networks)
        data["impact"] = {
            "impact_types": rng.sample(ImpactType.values, rng.randint(0, 3)),
            "beneficiaries": rng.sample(Beneficiary.values, rng.randint(0, 2)),
        }
        if n % 7 == 0:
            del data["context"]["region"]  # a blank region is not counted
        lessons.append(data)
    import_lessons(*lessons, networks=networks)


def plain_counts(lessons):
    """Each facet counted the plain way: lesson by lesson, in Python."""
    counts = {name: Counter() for name in FACET_NAMES}
    for lesson in lessons.select_related("network"):
        for name in ("kind", "organisation_type", "region"):
            if value := getattr(lesson, name):
                counts[name][value] += 1
        if lesson.network:
            counts["network"][lesson.network.slug] += 1
        links = list(lesson.maturity_links.select_related("dimension"))
        for link in links:
            counts["dimension"][link.dimension.code] += 1
        for level in {link.level for link in links}:
            counts["level"][str(level)] += 1
        for tag in lesson.tagged_themes.select_related("tag"):
            counts["theme"][tag.tag.name] += 1
        counts["impact_type"].update(set(lesson.impact_types))
        counts["beneficiary"].update(set(lesson.impact_beneficiaries))
    return {name: dict(counter) for name, counter in counts.items()}


def member():
    return make_member("bench-network-0")


@pytest.mark.parametrize(
    "lessons",
    [
        pytest.param(lambda: LessonPage.objects.readable_by(AnonymousUser()), id="anonymous"),
        pytest.param(lambda: LessonPage.objects.readable_by(member()), id="member"),
        pytest.param(
            lambda: LessonPage.objects.readable_by(member()).filter(kind="case_study"),
            id="filtered",
        ),
        pytest.param(
            lambda: LessonPage.objects.filter(
                pk__in=id_set(match(LessonPage.objects.live(), "huddles librarian").ids)
            ),
            id="matched ids",
        ),
        pytest.param(lambda: LessonPage.objects.none(), id="nothing"),
    ],
)
def test_counts_in_one_query_equal_plain_counts(generated, lessons, django_assert_num_queries):
    lessons = lessons()
    expected = plain_counts(lessons)
    with django_assert_num_queries(1 if expected["kind"] else 0):
        counts = facet_counts(lessons)
    assert counts == expected
    assert list(counts["level"]) == sorted(counts["level"])
    for name in set(FACET_NAMES) - {"level"}:  # most first; levels in their order
        assert list(counts[name].values()) == sorted(counts[name].values(), reverse=True)


def test_generated_lessons_have_every_facet(generated):
    counts = facet_counts(LessonPage.objects.live())
    assert all(counts[name] for name in FACET_NAMES)
    assert "" not in counts["region"]


@pytest.mark.parametrize("words", ["huddles librarian", "no such word here"])
def test_counts_over_matched_ids_read_them_as_given(generated, words, django_assert_num_queries):
    """Search counts over the ids its full-text match found, passed as they are: the same
    counts as over a queryset of them, in one query, and none when nothing matched."""
    ids = match(LessonPage.objects.readable_by(AnonymousUser()), words).ids
    expected = plain_counts(LessonPage.objects.filter(pk__in=ids))
    with django_assert_num_queries(1 if ids else 0) as captured:
        counts = facet_counts(ids)
    assert counts == expected
    if ids:  # the ids are one parameter, not looked up in the lessons' table once more
        assert captured[0]["sql"].count(LessonPage._meta.db_table) == 1

"""A lesson's revision loads its children (team, outcomes, themes, links) with one query per
kind of key, and gives exactly what modelcluster's one-query-per-child loading gives."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from taggit.models import Tag

from lessons.models import LessonMaturityLink, LessonPage, LessonRelation, TeamMember
from maturity.models import Dimension
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson


@pytest.fixture
def lessons(import_lessons):
    import_lessons(
        lesson(),
        *(lesson(slug=f"earlier-{n}", title=f"Earlier lesson {n}") for n in range(3)),
    )
    return LessonPage.objects.get(slug="discharge-huddles")


def revision_content(page, size):
    draft = page.get_latest_revision_as_object()
    draft.team_members = [TeamMember(role=f"Role {n}", years_experience=n) for n in range(size)]
    draft.maturity_links = [
        LessonMaturityLink(dimension=Dimension.objects.get(code=f"qiof-{n + 1}"), level=1)
        for n in range(size)
    ]
    draft.themes.set([f"theme {n}" for n in range(size)])
    draft.related_links = [
        LessonRelation(target=LessonPage.objects.get(slug=f"earlier-{n}"), relation="builds_on")
        for n in range(size)
    ]
    draft.save_revision(user=make_user(f"editor{size}@example.nhs.uk"))
    return LessonPage.objects.get(pk=page.pk).latest_revision.content


def modelcluster_loads(content):
    return super(LessonPage, LessonPage).from_serializable_data(content)


def test_a_revision_loads_as_modelcluster_would(lessons):
    content = revision_content(lessons, 3)
    ours, theirs = LessonPage.from_serializable_data(content), modelcluster_loads(content)
    assert ours.serializable_data() == theirs.serializable_data()
    assert [t.name for t in ours.themes.all()] == ["theme 0", "theme 1", "theme 2"]
    assert [link.target.title for link in ours.related_links.all()] == [
        "Earlier lesson 0",
        "Earlier lesson 1",
        "Earlier lesson 2",
    ]


def test_children_pointing_at_deleted_objects_are_dropped_as_modelcluster_drops_them(lessons):
    content = revision_content(lessons, 3)
    LessonPage.objects.get(slug="earlier-1").delete()
    Tag.objects.get(name="theme 2").delete()
    ours, theirs = LessonPage.from_serializable_data(content), modelcluster_loads(content)
    assert ours.serializable_data() == theirs.serializable_data()
    assert len(ours.related_links.all()) == 2
    assert [t.name for t in ours.themes.all()] == ["theme 0", "theme 1"]


def test_loading_costs_the_same_however_many_children(lessons):
    counts = []
    for size in (1, 3):
        content = revision_content(lessons, size)
        with CaptureQueriesContext(connection) as queries:
            loaded = LessonPage.from_serializable_data(content)
            # ...and what the children point at comes with them.
            [link.dimension.title for link in loaded.maturity_links.all()]
            [link.target.title for link in loaded.related_links.all()]
            [tag.name for tag in loaded.themes.all()]
        counts.append(len(queries))
    assert counts[0] == counts[1]

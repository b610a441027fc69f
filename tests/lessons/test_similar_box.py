"""A lesson page's "Lessons from similar contexts", kept per lesson and audience
(lessons/similar_box.py): right as soon as a lesson or an application changes, never showing
what its reader may not read, and worked out again by a task after the change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home import site_tree as tree
from lessons.models import LessonPage, SimilarBox, SimilarityGeneration
from lessons.similar_box import refresh_similar_boxes
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import applied, context, document, lesson
from tests.builders.network import make_member

HERE = "/lessons/discharge-huddles/"


def alike(slug, title, org="acute_trust", **fields):
    return lesson(slug=slug, title=title, context=context(org), **fields)


def similar_section(client, url=HERE):
    html = client.get(url).content.decode()
    return html.split("Lessons from similar contexts")[1] if "similar contexts" in html else ""


def ranking_queries(client, url=HERE):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if "closeness_organisation_type" in q["sql"]]


def test_the_box_is_kept_and_used_until_a_lesson_changes(import_lessons, client):
    import_lessons(alike("discharge-huddles", "Daily discharge huddles"), alike("b", "Lesson B"))
    assert ranking_queries(client) != []
    assert SimilarBox.objects.filter(lesson__slug="discharge-huddles", audience="").exists()
    assert ranking_queries(client) == []  # the kept box, no ranking
    assert "Lesson B" in similar_section(client)
    import_lessons(alike("c", "Lesson C"))
    assert ranking_queries(client) != []  # a lesson changed: worked out again


def test_the_box_is_kept_before_any_change_has_been_counted(import_lessons, client):
    import_lessons(alike("discharge-huddles", "Daily discharge huddles"), alike("b", "Lesson B"))
    SimilarityGeneration.objects.all().delete()  # as in a database that predates the boxes
    assert ranking_queries(client) != []
    assert ranking_queries(client) == []
    assert "Lesson B" in similar_section(client)


def test_a_lesson_unpublished_leaves_the_box_at_once(import_lessons, client):
    import_lessons(alike("discharge-huddles", "Daily discharge huddles"), alike("b", "Lesson B"))
    assert "Lesson B" in similar_section(client)
    LessonPage.objects.get(slug="b").unpublish()
    assert "Lesson B" not in similar_section(client)


def test_a_lesson_changed_to_another_context_leaves_it_and_a_new_one_comes_in(
    import_lessons, client
):
    import_lessons(
        alike("discharge-huddles", "Daily discharge huddles", themes=[]),
        alike("b", "Lesson B", themes=[]),
    )
    assert "Lesson B" in similar_section(client)
    import_lessons(
        lesson(
            slug="b",
            title="Lesson B",
            themes=[],
            context=context("national_body", "london", "national", team=[], setting="a hub"),
            maturity=[],
        ),
        alike("c", "Lesson C", themes=[]),
    )
    section = similar_section(client)
    assert "Lesson B" not in section and "Lesson C" in section


def test_an_application_changes_the_reasons_at_once(import_lessons, client):
    import_lessons(alike("discharge-huddles", "Daily discharge huddles"), alike("b", "Lesson B"))
    assert "worked when an acute trust team applied it" not in similar_section(client).lower()
    applied("b", result="worked", organisation_type="acute_trust")
    assert "worked when an acute trust team applied it" in similar_section(client).lower()


def test_each_audience_has_its_own_box_and_sees_only_what_it_may(import_lessons, client):
    import_lessons(
        alike("discharge-huddles", "Daily discharge huddles"),
        alike("secret", "Members-only lesson", network="board-leads", visibility="members"),
    )
    assert "Members-only lesson" not in similar_section(client)
    member = make_member("board-leads", "member@example.nhs.uk")
    client.force_login(member)
    assert "Members-only lesson" in similar_section(client)
    network = str(LessonPage.objects.get(slug="secret").network_id)
    audiences = set(SimilarBox.objects.values_list("audience", flat=True))
    assert audiences == {"", network}
    client.logout()
    assert "Members-only lesson" not in similar_section(client)


@pytest.mark.django_db(transaction=True)
def test_after_a_change_commits_a_task_works_the_boxes_out_again(client):
    put_back_shipped_data()
    tree.ensure_site_tree()
    tree.import_lessons(
        document(alike("discharge-huddles", "Daily discharge huddles"), alike("b", "Lesson B"))
    )
    similar_section(client)
    # It commits, and the task runs (at once, with the tests' task backend).
    tree.import_lessons(document(alike("c", "Lesson C")))
    box = SimilarBox.objects.get(lesson__slug="discharge-huddles")
    assert box.generation == SimilarityGeneration.objects.get().number
    c = LessonPage.objects.get(slug="c").pk
    assert c in [pk for pk, _, _ in box.ranked]
    assert ranking_queries(client) == []


def test_the_task_drops_boxes_of_lessons_no_longer_live(import_lessons, client):
    import_lessons(alike("discharge-huddles", "Daily discharge huddles"), alike("b", "Lesson B"))
    similar_section(client)
    LessonPage.objects.get(slug="discharge-huddles").unpublish()
    refresh_similar_boxes.call()
    assert not SimilarBox.objects.exists()

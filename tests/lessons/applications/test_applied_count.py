"""How many times a lesson was applied is a column of the lesson (LessonPage.applied_count),
kept in the transaction that adds or deletes an application, whoever does it: "we applied
this", the importer, a deletion, a lesson saved whole from an older revision; right when
twenty members apply at once; and filled by its migration from the applications recorded
before it. Listings ("Most applied", the cards' "Applied in N places") read it."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from home import site_tree as tree
from lessons.models import Application, LessonPage
from tests.builders.accounts import make_user
from tests.builders.applications import APPLY, LAST_MONTH, apply, form_data
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson
from tests.builders.threads import all_at_once, signed_in

MEMBERS = 20
IMPORTED = {"applied_on": "2026-01-15", "what_we_did": "Ran it on two wards.", "result": "worked"}


def applied_count(slug="discharge-huddles"):
    return LessonPage.objects.values_list("applied_count", flat=True).get(slug=slug)


@pytest.fixture
def the_lesson(lessons):
    return lessons[0]


def test_recording_an_application_counts_it_at_once(the_lesson, applier):
    assert applied_count() == 0
    apply(the_lesson, applier)
    assert applied_count() == 1
    apply(the_lesson, make_user("dee@example.nhs.uk"))
    assert applied_count() == 2


def test_recording_it_again_for_the_same_setting_counts_it_once(the_lesson, applier):
    apply(the_lesson, applier, what_we_did="First.")
    apply(the_lesson, applier, what_we_did="Again.")
    assert applied_count() == 1
    apply(the_lesson, applier, setting="ward 9")
    assert applied_count() == 2


def test_deleting_an_application_takes_it_off_the_count(the_lesson, applier):
    first = apply(the_lesson, applier)
    apply(the_lesson, applier, setting="ward 9")
    apply(the_lesson, make_user("dee@example.nhs.uk"))
    first.delete()
    assert applied_count() == 2
    Application.objects.filter(lesson=the_lesson).delete()
    assert applied_count() == 0


def test_publishing_an_older_revision_keeps_the_count(the_lesson, applier):
    revision = the_lesson.save_revision()
    apply(the_lesson, applier)
    revision.publish()
    assert applied_count() == 1
    assert LessonPage.objects.get(pk=the_lesson.pk).get_latest_revision_as_object().applied_count


def test_imported_applications_are_counted(import_lessons):
    import_lessons(lesson(applications=[IMPORTED, {**IMPORTED, "what_we_did": "Once more."}]))
    assert applied_count() == 2
    import_lessons(lesson(applications=[IMPORTED]))  # the same one again: not added
    assert applied_count() == 2


def test_most_applied_and_the_cards_read_the_count(lessons, applier, client):
    the_lesson = lessons[0]
    apply(the_lesson, applier)
    apply(the_lesson, make_user("dee@example.nhs.uk"))
    # A count out of step with the applications would show: listings read only the column.
    LessonPage.objects.filter(pk=the_lesson.pk).update(applied_count=7)
    assert list(LessonPage.objects.most_applied().values_list("slug", "applied_count")) == [
        ("discharge-huddles", 7)
    ]
    assert "Applied in 7 places" in client.get("/").content.decode()
    LessonPage.objects.filter(pk=the_lesson.pk).recount_applications()
    assert applied_count() == 2


@pytest.mark.django_db(transaction=True)
def test_twenty_members_applying_at_once_are_all_counted():
    put_back_shipped_data()
    tree.import_lessons(document(lesson()))
    clients = [signed_in(make_user(f"member{n}@example.nhs.uk")) for n in range(MEMBERS)]
    statuses = all_at_once([lambda c=c: c.post(APPLY, form_data()).status_code for c in clients])
    assert statuses == [302] * MEMBERS
    assert Application.objects.count() == MEMBERS
    assert applied_count() == MEMBERS


@pytest.mark.django_db(transaction=True)
def test_twenty_deletions_and_applications_at_once_leave_the_count_right():
    put_back_shipped_data()
    tree.import_lessons(document(lesson()))
    the_lesson = LessonPage.objects.get(slug="discharge-huddles")
    members = [make_user(f"member{n}@example.nhs.uk") for n in range(MEMBERS)]
    made = [apply(the_lesson, member) for member in members[: MEMBERS // 2]]
    deleting = [lambda a=a: a.delete() for a in made]
    applying = [lambda m=m: apply(the_lesson, m) for m in members[MEMBERS // 2 :]]
    all_at_once([step for pair in zip(deleting, applying, strict=True) for step in pair])
    assert Application.objects.count() == MEMBERS // 2
    assert applied_count() == MEMBERS // 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_applications_recorded_before_it():
    put_back_shipped_data()
    tree.import_lessons(document(lesson(), lesson(slug="bed-boards", title="Bed boards")))
    ids = dict(LessonPage.objects.values_list("slug", "pk"))
    before = [("lessons", "0019_similar_boxes")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Old = executor.loader.project_state(before).apps.get_model("lessons", "Application")
    for n in range(3):
        Old.objects.create(
            lesson_id=ids["discharge-huddles"], applied_on=LAST_MONTH, what_we_did=f"Try {n}."
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert applied_count("discharge-huddles") == 3
    assert applied_count("bed-boards") == 0

"""One application per member, lesson and setting (issue 16, item 3): "we applied this" sent
again for the same setting edits the application and emails nobody; another setting is another
application; imported applications are exempt; repeats at the same moment make one; the
applications repeated before the constraint are merged by a migration."""

import datetime

from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from home import site_tree as tree
from lessons.models import Application, LessonPage
from tests.builders.accounts import make_user
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member
from tests.builders.threads import all_at_once, signed_in

APPLY = "/lessons/discharge-huddles/apply/"
LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)
REQUESTS = 20


def form_data(**changes):
    return {
        "organisation_type": "community_trust",
        "setting": "district nursing",
        "region": "north_west",
        "scale": "team",
        "team_years": "40",
        "applied_on": LAST_MONTH.strftime("%d/%m/%Y"),
        "what_we_did": "Ran the huddle by phone.",
        **changes,
    }


def a_lesson_with_an_author_and_a_facilitator():
    tree.import_lessons(document(lesson()))
    author = make_user("ann@example.nhs.uk")
    LessonPage.objects.filter(slug="discharge-huddles").update(owner=author)
    make_member("south-west-km", "fay@example.nhs.uk", role="facilitator")
    return LessonPage.objects.get(slug="discharge-huddles")


@pytest.fixture
def the_lesson(db):
    return a_lesson_with_an_author_and_a_facilitator()


def test_applying_again_for_the_same_setting_edits_the_application_and_emails_once(
    the_lesson, client, django_capture_on_commit_callbacks
):
    client.force_login(make_user("cal@example.nhs.uk"))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            response = client.post(APPLY, form_data(what_we_did=f"Try {n}."))
            assert response.status_code == 302
    application = Application.objects.get()
    assert application.what_we_did == "Try 4."
    assert len(mail.outbox) == 2  # the author and the facilitator, once
    assert "Applied in 1 place" in client.get(the_lesson.url).content.decode()


def test_applying_again_keeps_the_result_already_recorded(the_lesson, client):
    applier = make_user("cal@example.nhs.uk")
    first = the_lesson.record_application(
        applier, applied_on=LAST_MONTH, what_we_did="First.", setting="ward 7"
    )
    first.record_result(applier, "worked", "Fewer delays.")
    again = the_lesson.record_application(
        applier, applied_on=LAST_MONTH, what_we_did="Second.", setting="ward 7"
    )
    assert again.pk == first.pk
    kept = Application.objects.get()
    assert (kept.what_we_did, kept.result, kept.result_note) == (
        "Second.",
        "worked",
        "Fewer delays.",
    )


def test_a_librarian_applying_a_lesson_on_two_wards_records_two(
    the_lesson, client, django_capture_on_commit_callbacks
):
    client.force_login(make_user("cal@example.nhs.uk"))
    with django_capture_on_commit_callbacks(execute=True):
        for setting in ("ward 7", "ward 9", "ward 7"):
            assert client.post(APPLY, form_data(setting=setting)).status_code == 302
    assert sorted(Application.objects.values_list("setting", flat=True)) == ["ward 7", "ward 9"]
    assert len(mail.outbox) == 4  # two applications, each to the author and the facilitator
    for _ in range(2):  # imported applications name nobody: they may repeat
        Application.objects.create(
            lesson=the_lesson, applied_on=LAST_MONTH, what_we_did="Same.", setting="ward 7"
        )
    assert Application.objects.filter(applier__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_twenty_repeats_at_once_make_one_application_and_one_set_of_emails():
    put_back_shipped_data()
    the_lesson = a_lesson_with_an_author_and_a_facilitator()
    applier = make_user("cal@example.nhs.uk")
    clients = [signed_in(applier) for _ in range(REQUESTS)]

    def applying(client, n):
        return lambda: client.post(APPLY, form_data(what_we_did=f"Try {n}.")).status_code

    statuses = all_at_once([applying(client, n) for n, client in enumerate(clients)])

    assert statuses == [302] * REQUESTS
    application = Application.objects.get(lesson=the_lesson)
    assert application.applier == applier
    assert application.what_we_did in {f"Try {n}." for n in range(REQUESTS)}
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_merges_repeated_applications_keeping_the_earliest_and_latest_result():
    put_back_shipped_data()
    the_lesson = a_lesson_with_an_author_and_a_facilitator()
    applier = make_user("cal@example.nhs.uk")
    before = [("lessons", "0010_review_by_site_editors")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Old = executor.loader.project_state(before).apps.get_model("lessons", "Application")
    rows = [
        ("ward 7", "", None),
        ("ward 7", "too_early", LAST_MONTH),
        ("ward 7", "worked", LAST_MONTH + datetime.timedelta(days=5)),
        ("ward 7", "", None),
        ("ward 9", "", None),
    ]
    made = [
        Old.objects.create(
            lesson_id=the_lesson.pk,
            applier_id=applier.pk,
            setting=setting,
            applied_on=LAST_MONTH,
            what_we_did=f"Row {n}.",
            result=result,
            result_on=result_on,
        )
        for n, (setting, result, result_on) in enumerate(rows)
    ]
    for _ in range(2):  # imported ones, naming nobody, stay as they are
        Old.objects.create(
            lesson_id=the_lesson.pk, setting="ward 7", applied_on=LAST_MONTH, what_we_did="x"
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    mine = Application.objects.filter(applier=applier).order_by("setting")
    assert [(a.pk, a.setting, a.what_we_did, a.result) for a in mine] == [
        (made[0].pk, "ward 7", "Row 0.", "worked"),
        (made[4].pk, "ward 9", "Row 4.", ""),
    ]
    assert Application.objects.filter(applier__isnull=True).count() == 2

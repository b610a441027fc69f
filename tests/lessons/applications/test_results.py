"""After applying: the applier records a result, the lesson is learned once a result is reported,
and the reminder asks for the result once."""

import datetime
import io

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

import pytest

from lessons.models import Application, LessonPage
from tests.builders.applications import LAST_MONTH, PAGE, apply, response_html
from tests.builders.pages import text_of

# Results and the learned mark


def test_the_applier_records_a_result_and_the_lesson_is_learned(lessons, applier, client):
    application = apply(lessons[0], applier)
    result_url = f"{PAGE}result/{application.pk}/"
    client.force_login(applier)
    assert "What happened when you applied it?" in client.get(result_url).content.decode()

    response = client.post(result_url, {"result": "", "note": "kept"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select what happened" in html and "kept" in html

    response = client.post(result_url, {"result": "too_early", "note": "Two weeks in."})
    assert response.status_code == 302 and response.url == f"{PAGE}#application-{application.pk}"
    assert not LessonPage.objects.get(pk=lessons[0].pk).is_learned
    assert "Too early to tell" in text_of(client.get(PAGE))

    client.post(result_url, {"result": "worked", "note": "Delays fell by a third."})
    application.refresh_from_db()
    assert (application.result, application.result_on) == ("worked", timezone.localdate())
    text = text_of(client.get(PAGE))
    assert "It worked" in text and "Delays fell by a third." in text
    assert "Change the result" in text
    assert ">Learned</strong>" in response_html(client)
    listing = client.get("/lessons/").content.decode()
    assert ">Learned</strong>" in listing and "Applied in 1 place" in listing


def test_only_the_applier_records_the_result(lessons, applier, client, member_of):
    application = apply(lessons[0], applier)
    result_url = f"{PAGE}result/{application.pk}/"
    assert client.get(result_url).status_code == 302  # anonymous: sign in first
    client.force_login(lessons[2])  # the network's facilitator
    assert client.get(result_url).status_code == 404
    assert client.post(result_url, {"result": "worked"}).status_code == 404
    assert "Record the result" not in text_of(client.get(PAGE))
    with pytest.raises(PermissionDenied):
        application.record_result(lessons[2], "worked")
    application.refresh_from_db()
    assert application.result == ""


@pytest.mark.parametrize(
    ("results", "learned"),
    [
        ([], False),
        ([""], False),
        (["too_early"], False),
        (["too_early", ""], False),
        (["partly"], True),
        (["did_not_work"], True),
        (["too_early", "worked"], True),
    ],
)
def test_a_lesson_is_learned_once_a_result_is_reported(lessons, results, learned):
    the_lesson = lessons[0]
    for n, result in enumerate(results):
        Application.objects.create(
            lesson=the_lesson, applied_on=LAST_MONTH, what_we_did=f"Try {n}", result=result
        )
    # One rule, asked three ways: the queryset, one lesson, and the listings' annotation.
    assert LessonPage.objects.learned().filter(pk=the_lesson.pk).exists() is learned
    assert LessonPage.objects.get(pk=the_lesson.pk).is_learned is learned
    annotated = LessonPage.with_reading_relations(LessonPage.objects.filter(pk=the_lesson.pk))
    assert annotated.get().is_learned is learned
    assert annotated.get().applied_count == len(results)


# The reminder


def backdate(application, days):
    then = timezone.now() - datetime.timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(
        created_at=then, applied_on=timezone.localdate(then)
    )


def test_the_reminder_is_due_after_the_setting_and_sent_once(
    lessons, applier, django_capture_on_commit_callbacks
):
    assert datetime.timedelta(days=91) == settings.APPLICATION_REMINDER_AFTER
    due = apply(lessons[0], applier)
    # One application per setting: the same member's other wards are other applications.
    not_yet = apply(lessons[0], applier, setting="a second ward", what_we_did="A second ward.")
    answered = apply(lessons[0], applier, setting="a third ward", what_we_did="A third ward.")
    answered.record_result(applier, "worked")
    backdate(due, 92)
    backdate(not_yet, 90)
    backdate(answered, 120)
    assert list(Application.objects.due_for_reminder()) == [Application.objects.get(pk=due.pk)]

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("send_application_reminders", stdout=output)
    assert len(callbacks) == 1
    assert "Reminders queued: 1" in output.getvalue()
    assert [message.to for message in mail.outbox] == [[applier.email]]
    reminder = mail.outbox[0]
    assert reminder.subject == "What happened when you applied “Daily discharge huddles”?"
    assert f"{settings.SITE_URL}/lessons/discharge-huddles/result/{due.pk}/" in reminder.body
    due.refresh_from_db()
    assert due.reminder_sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_reminders", stdout=output)
    assert len(mail.outbox) == 1  # once only
    assert "Reminders queued: 0" in output.getvalue()
    assert not Application.objects.due_for_reminder().exists()


def test_a_reminder_is_not_sent_if_the_result_came_first(
    lessons, applier, django_capture_on_commit_callbacks
):
    """The claim is made; the result arrives before the worker runs the task: no email."""
    application = apply(lessons[0], applier)
    backdate(application, 100)
    with django_capture_on_commit_callbacks() as callbacks:
        assert application.send_reminder() is True
        assert application.send_reminder() is False  # claimed already
    Application.objects.get(pk=application.pk).record_result(applier, "partly")
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_a_reminder_is_not_sent_to_someone_who_may_no_longer_read_the_lesson(
    lessons, member_of, django_capture_on_commit_callbacks
):
    member = member_of("board-leads", email="board@example.nhs.uk")
    application = apply(LessonPage.objects.get(slug="board-secret"), member, notify=False)
    backdate(application, 100)
    member.memberships.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_reminders", stdout=io.StringIO())
    assert mail.outbox == []

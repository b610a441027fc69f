"""Reminders about reviews that wait: the reviewers once a review waits past LESSON_REVIEW_DAYS
working days (bank holidays of England and Wales skipped), the site editors once it waits that
long again; each reminder once per review, and a resubmission is a new review."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from core.working_days import add_working_days, is_working_day
from lessons.models import LessonPage, ReviewReminder
from lessons.moderation.reminders import send_review_reminders
from lessons.moderation.workflow import ASK_FOR_CHANGES, decide, submit_for_review
from tests.builders.accounts import make_site_editor
from tests.builders.lessons import lesson
from tests.builders.sharing import people, shared

# Thursday 24 December 2026: Christmas Day (Friday), the Boxing Day substitute (Monday 28th)
# and New Year's Day (Friday) fall in the next five working days.
SENT = datetime.datetime(2026, 12, 24, 16, 0, tzinfo=datetime.UTC)


def day(text):
    return datetime.date.fromisoformat(text)


def test_working_days_skip_weekends_and_bank_holidays_of_england_and_wales():
    assert not is_working_day(day("2026-12-25")) and not is_working_day(day("2026-12-28"))
    assert not is_working_day(day("2027-01-01")) and not is_working_day(day("2027-01-02"))
    assert add_working_days(day("2026-12-24"), 5) == day("2027-01-05")
    assert add_working_days(day("2026-12-24"), 10) == day("2027-01-12")
    assert add_working_days(day("2026-11-02"), 5) == day("2026-11-09")  # no holiday


@pytest.fixture
def waiting(import_lessons, settings, django_capture_on_commit_callbacks):
    settings.LESSON_REVIEW_DAYS = 5
    import_lessons(lesson())
    everyone = people()
    make_site_editor("site-editor@example.nhs.uk")
    page = shared(everyone["champion"])
    with django_capture_on_commit_callbacks(execute=True):
        state = submit_for_review(page, everyone["champion"])
    task_state = state.current_task_state
    task_state.started_at = SENT
    task_state.save(update_fields=["started_at"])
    return {"people": everyone, "lesson": page, "task_state": task_state}


def remind(capture, on):
    mail.outbox.clear()
    with capture(execute=True):
        count = send_review_reminders(day(on))
    return count, sorted(address for message in mail.outbox for address in message.to)


def test_reviewers_are_reminded_once_after_five_working_days_then_site_editors_once(
    waiting, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    # Five calendar-and-weekend days would be over on 31 December; bank holidays push it on.
    for on in ("2026-12-31", "2027-01-04", "2027-01-05"):
        assert remind(capture, on) == (0, []), on
    count, to = remind(capture, "2027-01-06")
    assert (count, to) == (1, ["facilitator@example.nhs.uk"])
    assert "is waiting for review" in mail.outbox[0].subject
    assert f"/members/me/reviews/{waiting['lesson'].pk}/" in mail.outbox[0].body
    for on in ("2027-01-06", "2027-01-07", "2027-01-12"):
        assert remind(capture, on) == (0, []), on  # once; site editors not yet
    count, to = remind(capture, "2027-01-13")
    assert count == 1
    assert to == ["editor@example.nhs.uk", "site-editor@example.nhs.uk"]
    assert remind(capture, "2027-02-01") == (0, [])
    assert ReviewReminder.objects.count() == 2


def test_the_command_counts_from_the_day_it_is_given_and_runs_twice_harmlessly(
    waiting, django_capture_on_commit_callbacks
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", today="2027-01-06", stdout=out)
        call_command("send_review_reminders", today="2027-01-06", stdout=out)
    assert out.getvalue().count("Review reminders queued: 1") == 1
    assert out.getvalue().count("Review reminders queued: 0") == 1
    with pytest.raises(CommandError, match="--today"):
        call_command("send_review_reminders", today="6 January")


def test_a_decided_review_is_not_reminded_and_a_resubmission_starts_a_new_period(
    waiting, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    everyone, page = waiting["people"], waiting["lesson"]
    with capture(execute=True):
        decide(page, everyone["facilitator"], ASK_FOR_CHANGES, "Add the dates")
    assert remind(capture, "2027-01-13") == (0, [])
    with capture(execute=True):
        submit_for_review(page, everyone["champion"])
    resubmitted = LessonPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    assert resubmitted.pk != waiting["task_state"].pk
    start = timezone.localdate(resubmitted.started_at)
    assert remind(capture, add_working_days(start, 5).isoformat()) == (0, [])
    count, _ = remind(
        capture, (add_working_days(start, 5) + datetime.timedelta(days=1)).isoformat()
    )
    assert count == 1

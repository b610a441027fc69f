"""Reminders 14 and 3 days before a round closes, to the leads of organisations without a
return: each sent once, whatever day the command runs and however often."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command

import pytest

from assessments.models import RoundReminder
from assessments.round_reminders import send_round_reminders
from tests.builders.rounds import organisations, statistics_round, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    made = statistics_round(opens_in=-30, closes_in=20)
    returned, waiting = organisations(2)
    submit(made, returned)
    return made, waiting


def remind(capture, on):
    mail.outbox.clear()
    with capture(execute=True):
        count = send_round_reminders(on)
    return count, sorted(address for message in mail.outbox for address in message.to)


def test_leads_without_a_return_are_reminded_14_and_3_days_before_once_each(
    round_, django_capture_on_commit_callbacks
):
    made, waiting = round_
    capture = django_capture_on_commit_callbacks
    closes = made.closes_on
    lead = waiting.leads.get().user.email
    for days in (20, 15):
        assert remind(capture, closes - datetime.timedelta(days=days)) == (0, []), days
    assert remind(capture, closes - datetime.timedelta(days=14)) == (1, [lead])
    assert "is due by" in mail.outbox[0].subject
    assert f"/assessments/rounds/{made.pk}/" in mail.outbox[0].body
    for days in (14, 13, 4):
        assert remind(capture, closes - datetime.timedelta(days=days)) == (0, []), days
    assert remind(capture, closes - datetime.timedelta(days=3)) == (1, [lead])
    for days in (3, 1, 0, -1):
        assert remind(capture, closes - datetime.timedelta(days=days)) == (0, []), days
    assert RoundReminder.objects.count() == 2


def test_a_first_run_late_in_the_period_sends_only_the_three_day_reminder(
    round_, django_capture_on_commit_callbacks
):
    made, _ = round_
    capture = django_capture_on_commit_callbacks
    assert remind(capture, made.closes_on - datetime.timedelta(days=2))[0] == 1
    assert list(RoundReminder.objects.values_list("days_before", flat=True)) == [3]


def test_an_organisation_that_returns_is_not_reminded(round_, django_capture_on_commit_callbacks):
    made, waiting = round_
    submit(made, waiting)
    capture = django_capture_on_commit_callbacks
    assert remind(capture, made.closes_on - datetime.timedelta(days=3)) == (0, [])


def test_the_command_runs_twice_harmlessly_and_names_a_bad_date(
    round_, django_capture_on_commit_callbacks
):
    made, _ = round_
    day = (made.closes_on - datetime.timedelta(days=14)).isoformat()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders", today=day, stdout=out)
        call_command("send_round_reminders", today=day, stdout=out)
    assert out.getvalue().splitlines() == [
        "Round reminders queued: 1.",
        "Round reminders queued: 0.",
    ]
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="--today"):
        call_command("send_round_reminders", today="14 days before")

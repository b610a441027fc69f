"""The scheduled commands' crontab, read as cron reads it, and run by `manage.py run_schedule`
(compose's scheduler)."""

import datetime

from django.core.management import CommandError, call_command

import pytest

from core.schedule import ScheduleError, parse

MONDAY_0730 = datetime.datetime(2026, 12, 7, 7, 30)


def test_a_line_is_due_in_the_minutes_its_fields_name():
    [weekly] = parse("30 7 * * 1 python manage.py send_digests --frequency weekly")
    assert weekly.is_due(MONDAY_0730)
    assert not weekly.is_due(MONDAY_0730 + datetime.timedelta(minutes=1))
    assert not weekly.is_due(MONDAY_0730 + datetime.timedelta(days=1))
    assert weekly.words[-2:] == ["--frequency", "weekly"]
    [often] = parse("*/15 9,17 * * *   echo hi")
    assert [m for m in range(60) if often.is_due(MONDAY_0730.replace(hour=17, minute=m))] == [
        0,
        15,
        30,
        45,
    ]
    [sunday] = parse("0 0 * * 7 true")
    assert sunday.is_due(datetime.datetime(2026, 12, 6))  # a Sunday


def test_with_both_day_fields_restricted_either_one_makes_a_day_due():
    [entry] = parse("0 9 1 * 1 true")  # the first of the month, and every Monday
    assert entry.is_due(datetime.datetime(2026, 12, 7, 9))  # a Monday
    assert entry.is_due(datetime.datetime(2026, 12, 1, 9))  # a Tuesday, the first
    assert not entry.is_due(datetime.datetime(2026, 12, 2, 9))


@pytest.mark.parametrize("line", ["60 * * * * x", "* * * * x", "a b c d e f", "*/0 * * * * x"])
def test_a_line_cron_would_not_read_is_refused_naming_it(line):
    with pytest.raises(ScheduleError, match="line 1"):
        parse(f"{line}\n")


def test_run_schedule_runs_what_is_due_in_the_minute_and_logs_each_end(tmp_path, caplog):
    crontab = tmp_path / "schedule.cron"
    crontab.write_text(
        "# comments and blank lines are skipped\n\n"
        f"30 7 * * 1  echo weekly >> {tmp_path}/ran\n"
        f"0  7 * * *  echo daily >> {tmp_path}/ran\n"
        "30 7 * * *  exit 3\n"
    )
    call_command("run_schedule", str(crontab), at="2026-12-07T07:30")
    assert (tmp_path / "ran").read_text() == "weekly\n"
    messages = [r.getMessage() for r in caplog.records if r.name.endswith("run_schedule")]
    assert "Failed with exit status 3: exit 3" in messages
    assert f"Finished: echo weekly >> {tmp_path}/ran" in messages


def test_run_schedule_refuses_a_crontab_it_cannot_read(tmp_path):
    crontab = tmp_path / "schedule.cron"
    crontab.write_text("every day at nine: send the digests\n")
    with pytest.raises(CommandError, match="schedule.cron: line 1"):
        call_command("run_schedule", str(crontab), at="2026-12-07T07:30")

"""A crontab, read and run: the scheduled commands (deploy/schedule.cron) for compose's
scheduler service (`manage.py run_schedule`), where no cron daemon runs.

Each line is `minute hour day-of-month month day-of-week command`, as cron reads it: a field
is `*`, a number, `*/step` or a comma-separated list of those; days of the week 0–6 from
Sunday (7 is Sunday too). As in cron, when both day fields are restricted a day matching
either is due. Lines that are blank or start with `#` are skipped.
"""

import shlex
from dataclasses import dataclass

RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


class ScheduleError(ValueError):
    pass


def _values(field, low, high, line_number):
    values = set()
    for part in field.split(","):
        if part == "*":
            values.update(range(low, high + 1))
        elif part.startswith("*/") and part[2:].isdigit() and int(part[2:]) > 0:
            values.update(range(low, high + 1, int(part[2:])))
        elif part.isascii() and part.isdigit() and low <= int(part) <= high:
            values.add(int(part))
        else:
            raise ScheduleError(f"line {line_number}: {field!r} is not a time cron reads")
    return frozenset(values)


@dataclass(frozen=True)
class Entry:
    minutes: frozenset
    hours: frozenset
    days: frozenset
    months: frozenset
    weekdays: frozenset
    days_restricted: bool
    weekdays_restricted: bool
    command: str

    def is_due(self, when):
        """Whether the command runs in the minute of `when` (a local datetime)."""
        if when.minute not in self.minutes or when.hour not in self.hours:
            return False
        if when.month not in self.months:
            return False
        weekday = when.isoweekday() % 7  # Sunday is 0
        on_day = when.day in self.days
        on_weekday = weekday in self.weekdays or (weekday == 0 and 7 in self.weekdays)
        if self.days_restricted and self.weekdays_restricted:
            return on_day or on_weekday
        return on_day and on_weekday

    @property
    def argv(self):
        return ["sh", "-c", self.command]

    @property
    def words(self):
        return shlex.split(self.command)


def parse(text):
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(None, 5)
        if len(fields) < 6:
            raise ScheduleError(f"line {number}: five times and a command, not {line!r}")
        times = [
            _values(field, low, high, number)
            for field, (low, high) in zip(fields[:5], RANGES, strict=True)
        ]
        entries.append(
            Entry(
                *times,
                days_restricted=fields[2] != "*",
                weekdays_restricted=fields[4] != "*",
                command=fields[5],
            )
        )
    return entries

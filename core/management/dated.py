"""Scheduled commands that can be run as if on another day (`--today YYYY-MM-DD`), to catch up
after an outage or to see what a day will do."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class DatedCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--today", help="Count as if today were this date (YYYY-MM-DD).")

    @staticmethod
    def day(today):
        """The date `--today` gives, or None without it; a clear error for anything else."""
        if not today:
            return None
        try:
            return datetime.date.fromisoformat(today)
        except ValueError as error:
            raise CommandError(f"--today: enter a date as YYYY-MM-DD, not {today!r}") from error

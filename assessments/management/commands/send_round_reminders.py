import datetime

from django.core.management.base import BaseCommand, CommandError

from assessments.round_reminders import send_round_reminders


class Command(BaseCommand):
    help = (
        "Remind the assessment leads of each organisation without a return, 14 and 3 days "
        "before a round closes. For cron, daily: each reminder goes once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Count as if today were this date (YYYY-MM-DD).")

    def handle(self, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: enter a date as YYYY-MM-DD, not {today!r}") from error
        self.stdout.write(f"Round reminders queued: {send_round_reminders(day)}.")

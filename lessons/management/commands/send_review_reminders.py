import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lessons.moderation.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Remind the reviewers of each lesson that has waited past LESSON_REVIEW_DAYS working "
        "days (England and Wales bank holidays excluded), and the site editors once it has "
        "waited that long again. For cron, daily: each reminder goes once per review."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Count as if today were this date (YYYY-MM-DD).")

    def handle(self, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: enter a date as YYYY-MM-DD, not {today!r}") from error
        sent = send_review_reminders(day)
        days = settings.LESSON_REVIEW_DAYS
        self.stdout.write(
            f"Review reminders queued: {sent} (reviews waiting {days}+ working days)."
        )

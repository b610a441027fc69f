import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.models.rounds import Round, rounds_to_close


class Command(BaseCommand):
    help = (
        "Close each round whose closing date has passed: publish its figures and fix its peer "
        "groups (frozen from then on); and publish the late returns of closed rounds once "
        "there are enough of them. For cron, daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Count as if today were this date (YYYY-MM-DD).")

    def handle(self, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: enter a date as YYYY-MM-DD, not {today!r}") from error
        closed = 0
        for round_ in rounds_to_close(day):
            round_.close()
            closed += 1
        republished = 0
        for round_ in Round.objects.filter(closed_at__isnull=False):
            republished += round_.publish_late_returns() is not None
        self.stdout.write(f"Rounds closed: {closed}; publications of late returns: {republished}.")

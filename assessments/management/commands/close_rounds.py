from django.utils import timezone

from assessments.models.rounds import Round, rounds_to_close
from core.management.dated import DatedCommand


class Command(DatedCommand):
    help = (
        "Close each round whose closing date has passed: publish its figures and fix its peer "
        "groups (frozen from then on); and publish the late returns of closed rounds once "
        "there are enough of them. For cron, daily."
    )

    def handle(self, today=None, **options):
        day = self.day(today) or timezone.localdate()
        closed = 0
        for round_ in rounds_to_close(day):
            round_.close()
            closed += 1
        republished = 0
        for round_ in Round.objects.filter(closed_at__isnull=False):
            republished += round_.publish_late_returns() is not None
        self.stdout.write(f"Rounds closed: {closed}; publications of late returns: {republished}.")

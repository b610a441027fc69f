from django.conf import settings

from core.management.dated import DatedCommand
from lessons.moderation.reminders import send_review_reminders


class Command(DatedCommand):
    help = (
        "Remind the reviewers of each lesson that has waited past LESSON_REVIEW_DAYS working "
        "days (England and Wales bank holidays excluded), and the site editors once it has "
        "waited that long again. For cron, daily: each reminder goes once per review."
    )

    def handle(self, today=None, **options):
        day = self.day(today)
        sent = send_review_reminders(day)
        days = settings.LESSON_REVIEW_DAYS
        self.stdout.write(
            f"Review reminders queued: {sent} (reviews waiting {days}+ working days)."
        )

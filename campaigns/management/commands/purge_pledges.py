import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaigns.models import purge_closed


class Command(BaseCommand):
    help = (
        "Delete signers' details from pledges that closed PLEDGE_RETENTION_MONTHS or more ago: "
        "confirmed signatures keep counting without a name, email, organisation or role; "
        "unconfirmed ones are deleted. For cron, daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Count as if today were this date (YYYY-MM-DD).")

    def handle(self, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: enter a date as YYYY-MM-DD, not {today!r}") from error
        purged = purge_closed(day)
        months = settings.PLEDGE_RETENTION_MONTHS
        self.stdout.write(
            f"Signatures purged: {purged} (pledges closed {months} or more months ago)."
        )

from django.conf import settings

from campaigns.models import purge_closed
from core.management.dated import DatedCommand


class Command(DatedCommand):
    help = (
        "Delete signers' details from pledges that closed PLEDGE_RETENTION_MONTHS or more ago: "
        "confirmed signatures keep counting without a name, email, organisation or role; "
        "unconfirmed ones are deleted. For cron, daily."
    )

    def handle(self, today=None, **options):
        day = self.day(today)
        purged = purge_closed(day)
        months = settings.PLEDGE_RETENTION_MONTHS
        self.stdout.write(
            f"Signatures purged: {purged} (pledges closed {months} or more months ago)."
        )

from django.core.management.base import BaseCommand

from following.models import Frequency, NotificationPreference
from following.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Enqueue one digest email per member who chose this frequency. Run it from cron: "
        "daily with --frequency daily, weekly with --frequency weekly. Digests with nothing new "
        "are not sent, and nothing is sent to a member twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", required=True, choices=[Frequency.DAILY, Frequency.WEEKLY]
        )

    def handle(self, frequency, **options):
        members = NotificationPreference.members_with(frequency).values_list("pk", flat=True)
        count = 0
        for member_id in list(members):
            send_digest.enqueue(member_id, frequency)
            count += 1
        self.stdout.write(f"Enqueued {count} {frequency} digest{'s' if count != 1 else ''}.")

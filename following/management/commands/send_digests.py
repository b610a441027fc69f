from django.core.management.base import BaseCommand
from django.utils import timezone

from following import digests
from following.models import Frequency, NotificationPreference
from following.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Enqueue a digest email for each member who chose this frequency and has something "
        "new in what they follow. Run it from cron: daily with --frequency daily, weekly with "
        "--frequency weekly. Members with nothing new get no email, and nothing is sent to a "
        "member twice. It ends by saying how many members got a digest, how many had nothing "
        "new, and how many follow something but are not emailed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", required=True, choices=[Frequency.DAILY, Frequency.WEEKLY]
        )

    def handle(self, frequency, **options):
        now = timezone.now()
        with_news = items = nothing_new = 0
        for member in NotificationPreference.members_with(frequency).order_by("pk"):
            if count := digests.digest_due(member, frequency, now):
                send_digest.enqueue(member.pk, frequency)
                with_news += 1
                items += count
            else:
                nothing_new += 1
        unsubscribed, inactive = NotificationPreference.not_emailed(frequency)
        lines = [
            f"{frequency.capitalize()} digests enqueued for "
            f"{_count(with_news, 'member')} with something new ({_count(items, 'new item')}).",
            f"No email for {_count(nothing_new, 'member')} with nothing new.",
            f"Not emailed, though they follow something: {_count(unsubscribed, 'member')} "
            f"who chose no emails, {_count(inactive, 'inactive account')}.",
        ]
        self.stdout.write("\n".join(lines))


def _count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from lessons.models import Application


class Command(BaseCommand):
    help = (
        "Email each member who applied a lesson APPLICATION_REMINDER_AFTER ago (91 days) and "
        "has not recorded the result, asking what happened. For cron, daily: each application "
        "is reminded once, and one with a result never is."
    )

    def handle(self, **options):
        now = timezone.now()
        due = list(Application.objects.due_for_reminder(now).only("pk").order_by("pk"))
        sent = 0
        for application in due:
            # One transaction per application: its email is enqueued once its claim is saved.
            with transaction.atomic():
                sent += application.send_reminder(now)
        days = settings.APPLICATION_REMINDER_AFTER.days
        self.stdout.write(f"Reminders queued: {sent} (applications recorded {days}+ days ago).")

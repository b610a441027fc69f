from assessments.round_reminders import send_round_reminders
from core.management.dated import DatedCommand


class Command(DatedCommand):
    help = (
        "Remind the assessment leads of each organisation without a return, 14 and 3 days "
        "before a round closes. For cron, daily: each reminder goes once."
    )

    def handle(self, today=None, **options):
        day = self.day(today)
        self.stdout.write(f"Round reminders queued: {send_round_reminders(day)}.")

"""Reminders of a round's closing date, 14 and 3 days before it, to the leads of each
organisation that has not made its return: each sent once (recorded by `RoundReminder`)."""

from django.apps import apps
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import mail
from core.addresses import absolute_url
from core.text import as_one_line


def send_round_reminders(today=None):
    """Queue each reminder due; the number queued."""
    from assessments.models.rounds import RoundReminder, reminders_due  # noqa: PLC0415

    today = today or timezone.localdate()
    queued = 0
    for round_, organisation, days in reminders_due(today):
        try:
            with transaction.atomic():
                reminder = RoundReminder.objects.create(
                    round=round_, organisation=organisation, days_before=days
                )
                transaction.on_commit(lambda pk=reminder.pk: email_round_reminder.enqueue(pk))
        except IntegrityError:  # sent meanwhile by another run
            continue
        queued += 1
    return queued


@task()
def email_round_reminder(reminder_id):
    reminder = (
        apps.get_model("assessments", "RoundReminder")
        .objects.select_related("round", "organisation")
        .get(pk=reminder_id)
    )
    leads = [lead.user.email for lead in reminder.organisation.leads.select_related("user")]
    if not leads:
        return
    context = {
        "reminder": reminder,
        "url": absolute_url(reverse("assessments:round", args=[reminder.round.pk])),
    }
    text = render_to_string("assessments/email/round_reminder.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail.send(EmailMessage(as_one_line(subject), body.strip() + "\n", None, leads))

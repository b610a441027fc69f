"""Every email the site sends leaves the request: one task per message, retried with back-off.

`send(message)` hands an `EmailMessage` to the `deliver` task, which sends it. When the mail
server cannot be reached (any `OSError`: refused, timed out, SMTP errors) the task enqueues
itself again for later, after each of RETRY_DELAYS in turn. Django's tasks framework has no
retries of its own, so a retry is a new task with a later `run_after`, which only a backend
that can defer runs (django-tasks-db's worker, in production). The immediate backend of
development and tests cannot, so there a failed send fails for good at once. A send that
failed for good is kept as an `UndeliveredEmail`, which site editors see in the Wagtail admin
(accounts/wagtail_hooks.py); an email carrying a sign-in link (`secret=True`: allauth's
confirmation and password reset) is kept without its body. Nothing here ever raises into the
request or task that sent the message.

This lives in `accounts`, the lowest layer, because allauth's emails (accounts/adapter.py) go
through it as well as every app's.
"""

import datetime
import email.policy
import logging

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

from accounts.models import UndeliveredEmail

logger = logging.getLogger(__name__)

# How long to wait before each retry: six attempts over about eleven hours.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=8),
)


def send(message, *, secret=False):
    """Send this `EmailMessage` in a task of its own. `secret`: the body carries a sign-in or
    password link, never kept.

    Enqueued at once: callers send from tasks that were themselves enqueued after commit, or,
    in a transaction, want the email to go with it (django-tasks-db writes the task's row in
    the same transaction, so the worker sees it only once the change is saved). With the
    immediate backend it is sent in place, and a failure is caught all the same."""
    deliver.enqueue(as_data(message), secret=secret)


def as_data(message):
    """What a task needs to build the message again (task arguments are JSON)."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


class Email(EmailMultiAlternatives):
    """An email whose headers are never folded or encoded to fit 78 characters: mail
    providers read `List-Unsubscribe` for one-click unsubscribe (RFC 8058) only as a plain
    `<https://…>`. RFC 5322's limit for a line is 998."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def as_message(data):
    alternatives = data.get("alternatives", [])
    fields = {key: value for key, value in data.items() if key != "alternatives"}
    return Email(**fields, alternatives=[tuple(pair) for pair in alternatives])


@task()
def deliver(data, attempt=1, secret=False):
    """Send one message; on failure try again later, or keep it as undelivered."""
    try:
        as_message(data).send()
    except Exception as error:  # noqa: BLE001 -- whatever stopped it, the request is not told
        _not_sent(data, attempt, secret, error)
        return "not sent"
    return "sent"


def _not_sent(data, attempt, secret, error):
    reason = f"{type(error).__name__}: {error}"  # kept for site editors; may name recipients
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    logged = type(error).__name__ + (f" {code}" if code else "")  # no address in the log
    retry = isinstance(error, OSError) and attempt <= len(RETRY_DELAYS)
    if retry and deliver.get_backend().supports_defer:
        run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
        deliver.using(run_after=run_after).enqueue(data, attempt=attempt + 1, secret=secret)
        logger.warning(
            "An email could not be sent (attempt %d: %s); trying again at %s.",
            attempt,
            logged,
            run_after.isoformat(timespec="seconds"),
        )
        return
    undelivered = UndeliveredEmail.objects.create(
        subject=data["subject"],
        recipients=", ".join(data["to"] + data["cc"] + data["bcc"]),
        body="" if secret else data["body"],
        withheld=secret,
        attempts=attempt,
        error=reason[:1000],
    )
    logger.error(
        "An email could not be sent and will not be tried again (attempt %d: %s); "
        "site editors see it in the admin as undelivered email %d.",
        attempt,
        logged,
        undelivered.pk,
        exc_info=not isinstance(error, OSError),  # anything else is a fault of ours
    )

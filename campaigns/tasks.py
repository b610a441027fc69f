"""Emails about a campaign's pledge, sent in the background once the change that causes them
is saved. Tasks take primary keys; models are looked up by name because the models enqueue
these tasks."""

from django.apps import apps
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from accounts import mail
from core.addresses import absolute_url
from core.text import as_one_line


def _link(campaign, route, token):
    return absolute_url(campaign) + campaign.reverse_subpage(route, args=[token])


def _render(template, context):
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    return as_one_line(subject), body.strip() + "\n"


@task()
def email_confirmation(signature_id):
    """Ask the signer to confirm (or, when they have, remind them how to withdraw)."""
    signature = (
        apps.get_model("campaigns", "Signature")
        .objects.select_related("campaign")
        .filter(pk=signature_id, email__isnull=False)
        .first()
    )
    if signature is None:  # withdrawn in the meantime
        return
    campaign = signature.campaign
    context = {
        "signature": signature,
        "campaign": campaign,
        "confirm_url": _link(campaign, "confirm", signature.token),
        "withdraw_url": _link(campaign, "withdraw", signature.token),
    }
    subject, body = _render("campaigns/email/confirm_signature.txt", context)
    # The confirmation link signs in nobody, but it is the signer's alone: not kept if unsent.
    mail.send(EmailMessage(subject, body, None, [signature.email]), secret=True)


@task()
def email_news(news_id):
    """Send a campaign's news to each signer who asked for its updates and had confirmed
    before it was published, each email with its own one-click way to stop them (RFC 8058)
    and to withdraw."""
    news = apps.get_model("campaigns", "CampaignNewsPage").objects.get(pk=news_id)
    campaign = news.campaign
    signatures = apps.get_model("campaigns", "Signature").objects.filter(campaign=campaign)
    recipients = signatures.receiving_updates().filter(confirmed_at__lte=news.first_published_at)
    for signature in recipients:
        stop_url = absolute_url(reverse("campaign_updates_stop", args=[signature.token]))
        context = {
            "news": news,
            "campaign": campaign,
            "news_url": absolute_url(news),
            "stop_url": stop_url,
            "withdraw_url": _link(campaign, "withdraw", signature.token),
        }
        subject, body = _render("campaigns/email/news.txt", context)
        headers = {
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        mail.send(EmailMessage(subject, body, None, [signature.email], headers=headers))

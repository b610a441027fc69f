"""Emails about organisations' assessments, sent once the change that causes them is saved."""

from django.apps import apps
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from accounts import mail
from core.addresses import absolute_url
from core.text import as_one_line


@task()
def email_invitation(invitation_id, token):
    """The invitation, with the one link that accepts it (its token is kept only here)."""
    invitation = (
        apps.get_model("assessments", "Invitation")
        .objects.select_related("organisation", "unit", "invited_by")
        .get(pk=invitation_id)
    )
    context = {
        "invitation": invitation,
        "url": absolute_url(reverse("assessments:invitation", args=[token])),
    }
    text = render_to_string("assessments/email/invitation.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail.send(EmailMessage(as_one_line(subject), body.strip() + "\n", None, [invitation.email]))

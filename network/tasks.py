"""Emails about membership, sent in the background once the change that causes them is saved.

Tasks take primary keys, not objects: they may run in another process (the production worker),
after the request has gone. Models are looked up by name because the models enqueue these tasks.
"""

from django.apps import apps
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string

from accounts import mail
from core.addresses import absolute_url
from core.text import as_one_line


def send_templated_email(to, template, context):
    """The template's first line is the subject, the rest the plain-text body. The subject is
    put on one line (no carriage return, tab or other control character from a title), which
    mail headers need. Sent in a task of its own (accounts/mail.py), retried if the mail
    server is down, so one recipient's failure is not everyone's."""
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    mail.send(EmailMessage(as_one_line(subject), body.strip() + "\n", None, [to]))


@task()
def email_join_request(join_request_id):
    """Tell each facilitator of the network that someone asks to join."""
    join_request = _join_request(join_request_id)
    network = join_request.network
    context = {
        "join_request": join_request,
        "network": network,
        "requests_url": absolute_url(network) + network.reverse_subpage("join_requests"),
    }
    for facilitator in network.facilitator_memberships().select_related("user"):
        send_templated_email(facilitator.user.email, "network/email/new_request.txt", context)


@task()
def email_join_decision(join_request_id):
    """Tell the person who asked what the facilitators decided."""
    join_request = _join_request(join_request_id)
    network = join_request.network
    context = {
        "join_request": join_request,
        "network": network,
        "network_url": absolute_url(network),
        "networks_url": absolute_url(network.get_parent()),
    }
    send_templated_email(
        join_request.user.email, f"network/email/request_{join_request.status}.txt", context
    )


def _join_request(pk):
    model = apps.get_model("network", "JoinRequest")
    return model.objects.select_related("network", "user").get(pk=pk)

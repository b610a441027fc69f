"""The mail server down: nothing answers 500, every email leaves the request, a failed send is
tried again later (on the database backend, run by its worker), and one that failed for good
is shown to site editors in the admin, to nobody else."""

import datetime
import logging

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from accounts import mail as outgoing
from accounts.models import UndeliveredEmail, User
from home import site_tree as tree
from network.models import NetworkPage
from tests.builders.accounts import PASSWORD, make_site_editor, make_user
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document

# A mail server that refuses connections: nothing listens on port 9 here.
SERVER_DOWN = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
    }
}
SERVER_UP = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@override_settings(MAILERS=SERVER_DOWN)
def test_signing_up_while_the_mail_server_is_down_asks_to_confirm_and_keeps_no_link(
    db, visitor, caplog
):
    response = visitor.post(
        "/accounts/signup/",
        {"email": "new.member@example.nhs.uk", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response.url == "/accounts/confirm-email/"
    assert User.objects.filter(email="new.member@example.nhs.uk").exists()
    (undelivered,) = UndeliveredEmail.objects.all()
    assert undelivered.recipients == "new.member@example.nhs.uk"
    assert undelivered.subject.startswith("Confirm your email address")
    assert undelivered.withheld and undelivered.body == ""  # it carried the confirmation link
    assert "ConnectionRefusedError" in undelivered.error
    assert "Traceback" not in caplog.text


@override_settings(MAILERS=SERVER_DOWN)
def test_asking_for_a_password_reset_while_the_mail_server_is_down_says_it_was_sent(db, visitor):
    make_user("member@example.nhs.uk")
    response = visitor.post("/accounts/password/reset/", {"email": "member@example.nhs.uk"})
    assert response.status_code == 302 and response.url == "/accounts/password/reset/done/"
    (undelivered,) = UndeliveredEmail.objects.all()
    assert undelivered.recipients == "member@example.nhs.uk" and undelivered.withheld


def message(to="lead@example.nhs.uk"):
    return EmailMessage("A lesson to review", "Please review it.\n", None, [to])


def work():
    """The production worker, until nothing is due."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def waiting():
    return DBTaskResult.objects.filter(status="READY", task_path="accounts.mail.deliver")


def time_passes():
    """The retry's time comes (the worker compares run_after with the clock)."""
    waiting().update(run_after=timezone.now() - datetime.timedelta(seconds=1))


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_failed_send_is_tried_again_later_and_delivered_once_the_server_answers(caplog):
    with override_settings(MAILERS=SERVER_DOWN):
        outgoing.send(message())
        before = timezone.now()
        work()
    (retry,) = waiting()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    delay = outgoing.RETRY_DELAYS[0]
    assert before + delay <= retry.run_after <= timezone.now() + delay
    work()  # not yet due: nothing is sent, nothing is recorded as failed
    assert waiting().count() == 1 and not UndeliveredEmail.objects.exists()

    time_passes()
    with override_settings(MAILERS=SERVER_UP):
        work()
    assert [m.to for m in mail.outbox] == [["lead@example.nhs.uk"]]
    assert mail.outbox[0].subject == "A lesson to review"
    assert not waiting().exists() and not UndeliveredEmail.objects.exists()
    warnings = [r for r in caplog.records if r.name == "accounts.mail"]
    assert [r.levelno for r in warnings] == [logging.WARNING] and not warnings[0].exc_info


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, MAILERS=SERVER_DOWN)
def test_a_send_that_keeps_failing_waits_longer_each_time_then_is_kept_as_undelivered():
    outgoing.send(message())
    delays = []
    for _ in range(len(outgoing.RETRY_DELAYS) + 1):
        started = timezone.now()
        work()
        retry = waiting().first()
        if retry is None:
            break
        delays.append(retry.run_after - started)
        time_passes()
    assert [round(d.total_seconds() / 60) for d in delays] == [
        round(d.total_seconds() / 60) for d in outgoing.RETRY_DELAYS
    ]
    (undelivered,) = UndeliveredEmail.objects.all()
    assert undelivered.attempts == len(outgoing.RETRY_DELAYS) + 1
    assert undelivered.body == "Please review it.\n" and not undelivered.withheld


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, MAILERS=SERVER_DOWN)
def test_a_facilitator_is_emailed_about_a_join_request_once_the_server_is_back(member_of):
    put_back_shipped_data()
    tree.import_lessons(document())
    member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    NetworkPage.objects.get(slug="board-leads").ask_to_join(make_user("asker@example.nhs.uk"))
    work()  # the task that writes the email, then its first attempt
    assert waiting().count() == 1 and mail.outbox == []
    time_passes()
    with override_settings(MAILERS=SERVER_UP):
        work()
    assert [m.to for m in mail.outbox] == [["lead@example.nhs.uk"]]


def test_the_immediate_backend_cannot_defer_so_a_failed_send_fails_for_good_at_once(db):
    with override_settings(MAILERS=SERVER_DOWN):
        outgoing.send(message())
    (undelivered,) = UndeliveredEmail.objects.all()
    assert undelivered.attempts == 1


ADMIN = "/admin/undelivered-emails/"


@pytest.fixture
def undelivered(db):
    return UndeliveredEmail.objects.create(
        subject="Your lesson needs changes",
        recipients="champion@example.nhs.uk",
        body="The reviewer asks for the team's experience.\n",
        attempts=6,
        error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


def test_site_editors_see_undelivered_emails_and_what_they_said(client, undelivered):
    client.force_login(make_site_editor())
    listing = client.get(ADMIN)
    assert listing.status_code == 200
    assert "Your lesson needs changes" in listing.text
    assert "champion@example.nhs.uk" in listing.text
    found = client.get(ADMIN, {"q": "needs changes"})
    assert found.status_code == 200 and "Your lesson needs changes" in found.text
    inspect = client.get(f"{ADMIN}inspect/{undelivered.pk}/")
    assert inspect.status_code == 200 and "the team&#x27;s experience" in inspect.text
    assert "Undelivered emails" in client.get("/admin/").text
    # Looking only: nothing to add, change or delete.
    for address in ("new/", f"edit/{undelivered.pk}/", f"delete/{undelivered.pk}/"):
        assert client.get(ADMIN + address).status_code in (302, 403), address


def test_nobody_else_sees_them_in_the_admin(client, undelivered):
    admin_user = make_user("facilitator@example.nhs.uk")
    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_user)
    assert "Undelivered emails" not in client.get("/admin/").text
    for address in ("", f"inspect/{undelivered.pk}/"):
        response = client.get(ADMIN + address)
        assert response.status_code in (302, 403), address
        assert "experience" not in response.text

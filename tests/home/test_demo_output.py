"""What `make run` prints: no traceback of an exception that was handled, a short summary of
what the demo loader did, and the admin's password last."""

import io
import logging
import os

from django.core.management import call_command

import pytest

from network.models import Profile
from tests.builders.accounts import make_user

PASSWORD = "a-demo-password-for-tests"


class Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = Records()
    logging.getLogger().addHandler(handler)
    yield handler.records
    logging.getLogger().removeHandler(handler)


def formatted(records):
    return "\n".join(logging.Formatter().format(record) for record in records)


def test_loading_the_demo_logs_no_traceback_and_ends_with_the_password(db, records):
    out = io.StringIO()
    os.environ["DEMO_PASSWORD"] = PASSWORD
    try:
        call_command("load_demo_content", stdout=out)
    finally:
        del os.environ["DEMO_PASSWORD"]
    logged = formatted(records)
    assert "Traceback" not in logged and "DoesNotExist" not in logged
    assert not [record for record in records if record.exc_info], logged[:2000]
    printed = out.getvalue().strip().splitlines()
    assert len(printed) + len(records) <= 10, (printed, logged[:2000])
    assert printed[-1].split() == ["password:", PASSWORD]


def test_a_task_run_while_a_handled_exception_is_in_flight_logs_no_traceback(db, records):
    member = make_user("new@example.nhs.uk")
    # get_or_create saves the profile inside its `except DoesNotExist`, and Wagtail indexes
    # it at once, in a task, with the immediate backend.
    Profile.objects.get_or_create(user=member, defaults={"display_name": "New Member"})
    tasks = [record for record in records if record.name == "django.tasks"]
    assert tasks and not [record for record in tasks if record.exc_info], formatted(tasks)

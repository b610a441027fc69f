"""Wagtail's workflow emails (sent inside the request; the submission one to every superuser) are
replaced by ours for lessons, whichever of wagtail.admin and lessons connects its handlers first.

Wagtail has no setting to turn its workflow emails off, so lessons/moderation/emails.py disconnects
Wagtail's handlers and connects its own under their dispatch_uids. These tests look at what is
connected, and play both orders in which the apps can start (an INSTALLED_APPS reorder), so a
Wagtail upgrade that renames a dispatch_uid, or a reorder that re-attaches its handlers, fails.
"""

from django.apps import apps

from wagtail.admin import signal_handlers as wagtail_handlers
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

import pytest

WAGTAILS = {
    workflow_submitted: wagtail_handlers.workflow_submission_email_notifier,
    workflow_approved: wagtail_handlers.workflow_approval_email_notifier,
    workflow_rejected: wagtail_handlers.workflow_rejection_email_notifier,
}
WAGTAILS_UIDS = {
    workflow_submitted: "workflow_state_submitted_email_notification",
    workflow_approved: "workflow_state_approved_email_notification",
    workflow_rejected: "workflow_state_rejected_email_notification",
}


def receivers(signal):
    sync, asynchronous = signal._live_receivers(WorkflowState)
    return [*sync, *asynchronous]


def ours(receiver):
    """Our handler: Wagtail's notifier wrapped, called only for pages that are not lessons."""
    func = getattr(receiver, "func", None)
    return func is not None and func.__module__.startswith("lessons.")


def assert_ours_alone():
    for signal, wagtails in WAGTAILS.items():
        connected = receivers(signal)
        assert wagtails not in connected, f"Wagtail's {wagtails.notification} email is back"
        assert [ours(receiver) for receiver in connected].count(True) == 1


@pytest.fixture
def put_back():
    """Whatever a test connects, the site's own handlers are connected again after it."""
    yield
    for signal, uid in WAGTAILS_UIDS.items():
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
    apps.get_app_config("lessons").ready()
    assert_ours_alone()


def test_our_workflow_emails_are_connected_and_wagtails_are_not():
    assert_ours_alone()


def test_wagtail_connecting_its_emails_after_us_changes_nothing(put_back):
    wagtail_handlers.register_signal_handlers()  # as if wagtail.admin started after lessons
    assert_ours_alone()


def test_we_take_over_wagtails_emails_when_wagtail_connected_them_first(put_back):
    for signal, uid in WAGTAILS_UIDS.items():
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
    wagtail_handlers.register_signal_handlers()  # as if wagtail.admin started before lessons
    assert all(wagtails in receivers(signal) for signal, wagtails in WAGTAILS.items())
    apps.get_app_config("lessons").ready()
    assert_ours_alone()

"""A member's first choice of how often we email them, made many times at the same moment (two
tabs, a double click): every request succeeds and one preference is saved (issue 16, item 4)."""

import pytest

from following.models import NotificationPreference
from tests.builders.accounts import make_user
from tests.builders.threads import all_at_once, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 20


def test_a_first_email_preference_saved_twenty_times_at_once_is_saved_once():
    member = make_user("ada@example.nhs.uk")
    clients = [signed_in(member) for _ in range(REQUESTS)]

    def choosing(client):
        return lambda: client.post("/members/me/following/emails/", {"frequency": "daily"})

    responses = all_at_once([choosing(client) for client in clients])

    assert [response.status_code for response in responses] == [302] * REQUESTS
    assert NotificationPreference.objects.filter(member=member).count() == 1
    assert NotificationPreference.objects.get(member=member).frequency == "daily"

"""At the same moment: two leads of one organisation send its return, and a round is closed
twice. One return, one publication, no server error (SQLite and PostgreSQL)."""

from django.core.management import call_command

import pytest

from assessments.models import Lead, Publication, Return
from tests.builders.accounts import make_user
from tests.builders.rounds import metrics, organisations, statistics_round, submit
from tests.builders.threads import all_at_once, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_leads_returning_at_once_make_one_return():
    made = statistics_round()
    (organisation,) = organisations(1)
    second = make_user("second-lead@example.nhs.uk")
    Lead.objects.create(organisation=organisation, user=second)
    staff, searches = metrics()
    url = f"/assessments/rounds/{made.pk}/organisations/{organisation.pk}/return/"
    clients = [signed_in(organisation.leads.order_by("pk").first().user), signed_in(second)]
    data = {staff.key: "4", searches.key: "10"}
    responses = all_at_once([lambda c=c: c.post(url, data) for c in clients])
    assert sorted(r.status_code for r in responses) in ([200, 302], [302, 302])
    assert Return.objects.count() == 1


def test_a_round_closed_twice_at_once_is_published_once():
    made = statistics_round(opens_in=-30, closes_in=1)
    for organisation in organisations(6):
        submit(made, organisation)
    made.closes_on = made.opens_on
    made.save()
    all_at_once([lambda: call_command("close_rounds", stdout=None)] * 2)
    assert Publication.objects.filter(round=made).count() == 1

"""Signing at the same moment (issue 22): twenty signings of one email make one signature,
twenty of twenty emails make twenty; confirming them all at once counts each once and dates
the milestone; nothing is lost and no request fails. Run on SQLite and PostgreSQL."""

import re

from django.core import mail
from django.core.cache import cache
from django.test import Client

import pytest

from campaigns.models import Milestone, Signature, signature_count
from home.site_tree import ensure_site_tree
from tests.builders.campaigns import add_campaign, signer
from tests.builders.database import put_back_shipped_data
from tests.builders.threads import all_at_once

pytestmark = pytest.mark.django_db(transaction=True)

SIGNINGS = 20
SIGN = "/campaigns/a-million-decisions/sign/"


@pytest.fixture
def campaign(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge": "1000/h/address"}
    put_back_shipped_data()
    ensure_site_tree()
    yield add_campaign(milestones=[SIGNINGS])
    # The rate limit's counts are committed to the cache table, which the flush after a
    # transactional test leaves alone: forget them, or later tests would be over the limit.
    cache.clear()


def post(data):
    return lambda: Client(raise_request_exception=False).post(SIGN, data).status_code


def test_twenty_signings_of_one_email_make_one_signature(campaign):
    statuses = all_at_once([post(signer(0)) for _ in range(SIGNINGS)])
    assert statuses == [200] * SIGNINGS
    assert Signature.objects.filter(campaign=campaign).count() == 1
    # Each signing sends the confirmation (again): the same one link every time.
    assert len(mail.outbox) == SIGNINGS
    assert len({re.search(r"/confirm/(\S+)/", m.body)[1] for m in mail.outbox}) == 1
    assert signature_count(campaign) == 0


def test_twenty_signings_of_twenty_emails_make_twenty_and_count_each_once(campaign):
    statuses = all_at_once([post(signer(n)) for n in range(SIGNINGS)])
    assert statuses == [200] * SIGNINGS
    signatures = Signature.objects.filter(campaign=campaign)
    assert sorted(signatures.values_list("email", flat=True)) == sorted(
        signer(n)["email"] for n in range(SIGNINGS)
    )
    confirm_links = [
        re.search(r"https?://[^/\s]+(\S+/confirm/\S+/)", m.body)[1] for m in mail.outbox
    ]
    statuses = all_at_once([lambda u=url: Client().post(u).status_code for url in confirm_links])
    assert statuses == [200] * SIGNINGS
    assert signature_count(campaign) == SIGNINGS
    assert Milestone.objects.get(campaign=campaign).reached_at is not None

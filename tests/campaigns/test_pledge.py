"""A campaign's pledge (issue 22): a signature counts once confirmed by email, one per email per
campaign, bots stopped by a honeypot and the shared rate limit; withdrawal lowers the count and
deletes the signer's details; milestones stay reached; supporters listed only with consent;
details deleted a set time after the pledge closes."""

import datetime
import re

from django.core import mail
from django.core.management import call_command
from django.db.models import Q

import pytest

from campaigns.models import Signature, signature_count
from tests.builders.campaigns import (
    add_campaign,
    confirmed_signature,
    signer,
    unconfirmed_signature,
)

PAGE = "/campaigns/a-million-decisions/"
SIGN = PAGE + "sign/"


@pytest.fixture
def campaign(site_tree):
    return add_campaign(milestones=[1, 3])


@pytest.fixture
def sign(client, django_capture_on_commit_callbacks):
    def _sign(n=0, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGN, signer(n, **fields))

    return _sign


def link(email, route):
    return re.search(rf"https?://[^/\s]+(/campaigns/[^\s]+/{route}/[^\s/]+/)", email.body)[1]


def count_on_page(client):
    html = client.get(PAGE).content.decode()
    return int(re.search(r'data-testid="signature-count">(\d+)<', html)[1])


def test_a_signature_counts_once_confirmed_from_the_email(campaign, client, sign):
    response = sign(0, listed_publicly="on")
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert count_on_page(client) == 0
    [email] = mail.outbox
    assert email.to == ["signer0@example.nhs.uk"]
    confirm = link(email, "confirm")
    assert "Confirm my signature" in client.get(confirm).content.decode()
    assert count_on_page(client) == 0  # a link checker's GET confirms nothing
    assert "Your signature counts" in client.post(confirm).content.decode()
    assert count_on_page(client) == 1
    client.post(confirm)
    assert count_on_page(client) == 1


def test_signing_again_resends_the_confirmation_and_never_adds_a_second(campaign, client, sign):
    sign(0)
    sign(0, email="SIGNER0@Example.NHS.uk ", name="Someone else")
    assert Signature.objects.count() == 1
    first, second = mail.outbox
    assert link(first, "confirm") == link(second, "confirm")
    client.post(link(first, "confirm"))
    sign(0)
    assert Signature.objects.count() == 1 and signature_count(campaign) == 1
    assert "already signed" in mail.outbox[-1].subject
    assert Signature.objects.get().name == "Signer 0"


def test_a_filled_honeypot_signs_nothing_and_sends_nothing(campaign, sign):
    response = sign(0, website="http://spam.example")
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert not Signature.objects.exists() and not mail.outbox


def test_the_shared_rate_limit_stops_a_flood_of_signatures(campaign, sign, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge": "2/h/address"}
    assert [sign(n).status_code for n in range(3)] == [200, 200, 429]
    assert Signature.objects.count() == 2 and len(mail.outbox) == 2
    limited = sign(9)
    assert "Nothing was signed this time" in limited.content.decode()
    assert limited.headers["Retry-After"]


def test_bad_answers_are_named_and_sign_nothing(campaign, sign):
    response = sign(0, name="", email="not-an-email", region="atlantis")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter your name" in html
    assert "Your email address: Enter a valid email address" in html
    assert "Your region: Select a valid choice" in html
    assert not Signature.objects.exists()


def test_a_closed_pledge_takes_no_signatures(site_tree, sign):
    add_campaign(closes_on=datetime.date(2020, 1, 31))
    response = sign(0)
    assert response.status_code == 400 and "This pledge has closed" in response.content.decode()
    assert not Signature.objects.exists()


def test_withdrawal_lowers_the_count_and_keeps_nothing_of_the_signer(campaign, client, sign):
    sign(0)
    client.post(link(mail.outbox[0], "confirm"))
    confirmed_signature(campaign, 1)
    assert count_on_page(client) == 2
    withdraw = link(mail.outbox[0], "withdraw")
    assert "Withdraw your signature?" in client.get(withdraw).content.decode()
    assert "Your signature is withdrawn" in client.post(withdraw).content.decode()
    assert count_on_page(client) == 1
    assert not holding("Signer 0", "signer0@example.nhs.uk", "Trust 0")
    assert client.get(withdraw).status_code == 404


def holding(*details):
    """The signature rows that hold any of these details."""
    query = Q()
    for value in details:
        query |= Q(name=value) | Q(email=value) | Q(organisation=value)
    return list(Signature.objects.filter(query))


def test_a_milestone_records_the_date_it_was_reached_and_stays_reached(campaign, client):
    confirmed_signature(campaign, 0)
    first, third = campaign.milestones.order_by("signatures")
    first.refresh_from_db()
    assert first.reached_at is not None
    confirmed_signature(campaign, 1)
    assert "1 signatures: reached on" in client.get(PAGE).content.decode()
    Signature.withdraw(campaign, Signature.objects.get(name="Signer 0").token)
    Signature.withdraw(campaign, Signature.objects.get(name="Signer 1").token)
    first.refresh_from_db()
    assert signature_count(campaign) == 0 and first.reached_at is not None
    third.refresh_from_db()
    assert third.reached_at is None


def test_supporters_are_listed_only_with_their_consent(campaign, client):
    confirmed_signature(
        campaign, 0, name="Listed Lee", organisation="North Trust", listed_publicly=True
    )
    confirmed_signature(campaign, 1, name="Private Pat", organisation="Quiet Trust")
    unconfirmed_signature(
        campaign, 2, name="Unconfirmed Una", organisation="Early Trust", listed_publicly=True
    )
    html = client.get(PAGE).content.decode()
    assert "Listed Lee" in html and "North Trust" in html
    for hidden in ("Private Pat", "Quiet Trust", "Unconfirmed Una", "Early Trust"):
        assert hidden not in html


def test_details_are_deleted_a_set_time_after_the_pledge_closes(site_tree, settings):
    settings.PLEDGE_RETENTION_MONTHS = 12
    old = add_campaign("old", "Old campaign", closes_on=datetime.date(2025, 1, 31))
    recent = add_campaign("recent", "Recent campaign", closes_on=datetime.date(2025, 6, 30))
    confirmed_signature(old, 0, listed_publicly=True, contact_by_lead=True)
    unconfirmed_signature(old, 1)
    confirmed_signature(recent, 2)
    call_command("purge_pledges", today="2026-01-31")
    assert not holding("Signer 0", "signer0@example.nhs.uk", "Trust 0")
    assert not holding("Signer 1", "signer1@example.nhs.uk", "Trust 1")
    assert signature_count(old) == 1  # still counted, without the signer
    assert not Signature.objects.filter(campaign=old, token__isnull=False).exists()
    assert holding("Signer 2")  # its pledge closed seven months ago
    call_command("purge_pledges", today="2026-06-30")
    assert not holding("Signer 2")

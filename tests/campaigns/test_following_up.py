"""Following up a pledge (issue 22): a campaign's news goes by email only to confirmed signers
who asked for its updates, with one-click unsubscribe; contacts are exported only when the
signer agreed to be contacted, by the lead of their region or by a site editor."""

import csv
import io
import re

from django.core import mail
from django.test import Client

import pytest

from network.models import RegionalLead
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.campaigns import (
    add_campaign,
    add_news,
    confirmed_signature,
    unconfirmed_signature,
)

CONTACTS = "/campaigns/a-million-decisions/contacts/"


@pytest.fixture
def campaign(site_tree):
    campaign = add_campaign()
    confirmed_signature(campaign, 0, wants_updates=True, contact_by_lead=True)
    confirmed_signature(campaign, 1, region="london", contact_by_lead=True)
    confirmed_signature(campaign, 2, wants_updates=False, contact_by_lead=False)
    confirmed_signature(campaign, 3, organisation='=HYPERLINK("http://x")', contact_by_lead=True)
    unconfirmed_signature(campaign, 4, wants_updates=True, contact_by_lead=True)
    mail.outbox.clear()
    return campaign


def test_news_is_emailed_only_to_confirmed_signers_who_asked_with_one_click_unsubscribe(
    campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_news(campaign, "halfway", "Halfway there")
    [email] = mail.outbox
    assert email.to == ["signer0@example.nhs.uk"]
    assert "Halfway there" in email.subject
    stop = re.search(
        r"<https?://[^/]+(/emails/campaign-updates/[^>]+/)>",
        email.extra_headers["List-Unsubscribe"],
    )[1]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # RFC 8058: the mail provider posts without a session or CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_news(campaign, "done", "We did it")
    assert not mail.outbox


def rows(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))[1:]


def test_a_regional_lead_exports_only_consenting_contacts_of_their_regions(campaign, client):
    lead = make_user("lena@example.nhs.uk")
    RegionalLead.objects.create(user=lead, region="london")
    client.force_login(lead)
    assert "Download the contacts" in client.get(campaign.url).content.decode()
    assert [row[5] for row in rows(client.get(CONTACTS))] == ["signer1@example.nhs.uk"]


def test_a_site_editor_exports_every_consenting_contact_never_as_a_formula(campaign, client):
    client.force_login(make_site_editor())
    exported = rows(client.get(CONTACTS))
    emails = sorted(row[5] for row in exported)
    assert emails == ["signer0@example.nhs.uk", "signer1@example.nhs.uk", "signer3@example.nhs.uk"]
    assert '\'=HYPERLINK("http://x")' in [row[2] for row in exported]
    admin = client.get("/admin/pledge_contacts/?export=csv")
    text = b"".join(admin.streaming_content).decode()
    assert "signer0@example.nhs.uk" in text and "signer2@" not in text and "signer4@" not in text
    assert "'=HYPERLINK" in text


def test_nobody_else_exports_contacts(campaign, client):
    assert client.get(CONTACTS).status_code == 302  # sign in first
    client.force_login(make_user("member@example.nhs.uk"))
    assert client.get(CONTACTS).status_code == 404
    assert "Download the contacts" not in client.get(campaign.url).content.decode()
    assert client.get("/admin/pledge_contacts/").status_code == 302

"""A facilitator withdraws an ask for a lesson before its 60 days are up: it leaves the network
page and goes into no later digest or email. Only the network's facilitators (the one who
asked among them) and site editors may; anyone else is told it is not there."""

import io

from django.core import mail
from django.core.management import call_command

import pytest

from following.models import Follow, NotificationPreference
from network.models import NetworkPage
from search import unanswered
from search.models import LessonRequest
from tests.builders.accounts import make_site_editor, make_user

SOUTH_WEST = "south-west-km"
BOARD = "board-leads"
QUEUE = "/search/insights/networks/{}/"
WITHDRAW = "/search/insights/networks/{}/asks/{}/withdraw/"


@pytest.fixture
def telepathy(lead, south_west):
    return unanswered.ask(south_west, "telepathy", lead)


def withdraw(client, user, ask, **data):
    client.force_login(user)
    return client.post(WITHDRAW.format(ask.network_id, ask.pk), data)


def on_network_page(client, network):
    return "“telepathy”" in client.get(network.url).content.decode()


def test_the_facilitator_who_asked_withdraws_it_from_the_network_page(
    client, lead, south_west, telepathy
):
    assert on_network_page(client, south_west)
    response = withdraw(client, lead, telepathy)
    assert response.status_code == 302 and response["Location"] == south_west.url
    telepathy.refresh_from_db()
    assert telepathy.withdrawn_by == lead and telepathy.withdrawn_at is not None
    client.logout()
    assert not on_network_page(client, south_west)
    assert list(unanswered.open_requests(south_west)) == []


def test_the_network_page_offers_withdrawing_to_its_facilitators_only(
    client, lead, south_west, telepathy, member_of
):
    button = "Withdraw the ask"
    client.force_login(lead)
    assert button in client.get(south_west.url).content.decode()
    client.force_login(member_of(SOUTH_WEST, email="plain-member@example.nhs.uk"))
    html = client.get(south_west.url).content.decode()
    assert "“telepathy”" in html and button not in html


def test_the_queue_offers_withdrawing_and_asking_again_afterwards(
    client, lead, south_west, telepathy
):
    client.force_login(lead)
    html = client.get(QUEUE.format(south_west.pk)).content.decode()
    assert "Withdraw the ask" in html and "Ask for a lesson<" not in html
    queue = QUEUE.format(south_west.pk)
    response = withdraw(client, lead, telepathy, next=queue)
    assert response["Location"] == queue
    html = client.get(queue).content.decode()
    assert "the ask was withdrawn on" in html and "Ask for a lesson<" in html
    client.post(queue + "ask/", {"query": "telepathy"})
    assert on_network_page(client, south_west)
    assert LessonRequest.objects.get().withdrawn_at is None


def test_another_facilitator_of_the_network_and_a_site_editor_may_withdraw_it(
    client, south_west, telepathy, member_of
):
    other = member_of(SOUTH_WEST, email="co-lead@example.nhs.uk", role="facilitator")
    assert withdraw(client, other, telepathy).status_code == 302
    LessonRequest.objects.update(withdrawn_at=None, withdrawn_by=None)
    assert withdraw(client, make_site_editor(), telepathy).status_code == 302
    assert LessonRequest.objects.get().withdrawn_at is not None


def test_nobody_else_may_withdraw_it_nor_learn_that_it_is_there(
    client, south_west, telepathy, member_of
):
    member = member_of(SOUTH_WEST, email="plain-member@example.nhs.uk")
    board_lead = member_of(BOARD, email="board-lead@example.nhs.uk", role="facilitator")
    staff = make_user("staff@example.nhs.uk", is_staff=True)
    for user in (member, board_lead, staff):
        assert withdraw(client, user, telepathy).status_code == 404
    client.logout()
    response = client.post(WITHDRAW.format(south_west.pk, telepathy.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert LessonRequest.objects.get().withdrawn_at is None
    assert on_network_page(client, south_west)


def test_an_ask_is_withdrawn_only_through_its_own_network_by_post(
    client, lead, south_west, telepathy
):
    board = NetworkPage.objects.get(slug=BOARD)
    client.force_login(lead)
    url = WITHDRAW.format(south_west.pk, telepathy.pk)
    assert client.get(url).status_code == 405
    assert client.post(WITHDRAW.format(board.pk, telepathy.pk)).status_code == 404
    assert client.post(WITHDRAW.format(south_west.pk, telepathy.pk + 1000)).status_code == 404
    assert client.post(WITHDRAW.format(south_west.pk, "x")).status_code == 404
    assert LessonRequest.objects.get().withdrawn_at is None


def test_withdrawing_twice_says_so_and_an_outside_address_is_not_followed(
    client, lead, south_west, telepathy
):
    withdraw(client, lead, telepathy)
    response = client.post(
        WITHDRAW.format(south_west.pk, telepathy.pk), {"next": "https://evil.example/"}, follow=True
    )
    assert response.redirect_chain[0][0] == south_west.url
    assert "was already withdrawn" in response.content.decode()


def test_a_withdrawn_ask_goes_into_no_later_digest(client, lead, south_west):
    follower = make_user("follower@example.nhs.uk")
    NotificationPreference.objects.create(member=follower, frequency="weekly")
    Follow.objects.create(follower=follower, target=south_west)
    withdraw(client, lead, unanswered.ask(south_west, "telepathy", lead))
    mail.outbox.clear()
    call_command("send_digests", "--frequency", "weekly", stdout=io.StringIO())
    assert not [m for m in mail.outbox if m.to == [follower.email] and "telepathy" in m.body]


def test_an_ask_withdrawn_before_its_email_goes_sends_none(
    lead, south_west, django_capture_on_commit_callbacks
):
    follower = make_user("follower@example.nhs.uk")
    NotificationPreference.objects.create(member=follower, frequency="immediate")
    Follow.objects.create(follower=follower, target=south_west)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask = unanswered.ask(south_west, "telepathy", lead)
        unanswered.withdraw(ask, lead)
    assert not mail.outbox

"""An ask for a lesson leaves the network page after ASK_DAYS days. The facilitator's queue
then says it ended and offers asking again, which puts it back on the network page as new
(it used to offer "Withdraw" on an ask already gone, and asking again did nothing)."""

from django.utils import timezone

import pytest

from search import unanswered
from search.models import LessonRequest

QUEUE = "/search/insights/networks/{}/"


@pytest.fixture
def ended(lead, south_west):
    ask = unanswered.ask(south_west, "telepathy", lead)
    long_ago = timezone.now() - timezone.timedelta(days=unanswered.ASK_DAYS + 1)
    LessonRequest.objects.filter(pk=ask.pk).update(asked_at=long_ago)
    ask.refresh_from_db()
    return ask


def on_network_page(client, network):
    return "“telepathy”" in client.get(network.url).content.decode()


def test_an_ended_ask_is_off_the_network_page_and_not_open(client, south_west, ended):
    assert not unanswered.is_open(ended)
    assert not on_network_page(client, south_west)


def test_the_queue_says_an_ask_ended_and_offers_asking_again_not_withdrawing(
    client, lead, south_west, ended
):
    client.force_login(lead)
    html = client.get(QUEUE.format(south_west.pk)).content.decode()
    assert f"the ask ended after {unanswered.ASK_DAYS} days" in html
    assert "Ask for a lesson<" in html and "Withdraw the ask" not in html


def test_asking_again_after_it_ended_puts_it_back_as_new(client, lead, south_west, ended):
    client.force_login(lead)
    client.post(QUEUE.format(south_west.pk) + "ask/", {"query": "telepathy"})
    again = LessonRequest.objects.get()
    assert again.pk == ended.pk and again.asked_at > ended.asked_at
    assert unanswered.is_open(again)
    assert on_network_page(client, south_west)
    html = client.get(QUEUE.format(south_west.pk)).content.decode()
    assert "Withdraw the ask" in html and "the ask ended" not in html


def test_an_open_ask_is_not_asked_again(lead, south_west):
    first = unanswered.ask(south_west, "telepathy", lead)
    again = unanswered.ask(south_west, "telepathy", lead)
    assert again.asked_at == first.asked_at

"""Searches that found nothing become work: a facilitator's queue of their network's members'
searches that found nothing (typed by at least three members, never who), proposals of what
answers them that site editors accept or decline in the admin, and asks for a lesson, shown on
the network page and in the digest of those who follow the network."""

import datetime
import io
import re

from django.core import mail
from django.core.management import call_command

import pytest

from accounts.models import User
from core import thesaurus
from core.models import ThesaurusEntry
from following.models import Follow, NotificationPreference
from network.models import NetworkPage
from search import unanswered
from search.models import AnswerProposal, LessonRequest
from tests.builders.accounts import make_site_editor, make_user

BOARD = "board-leads"
QUEUE = "/search/insights/networks/{}/"


@pytest.fixture(autouse=True)
def thesaurus_read_again():
    yield
    thesaurus.forget()  # a test's accepted entry is rolled back without signals


def queue_page(client, user, network):
    client.force_login(user)
    return client.get(QUEUE.format(network.pk))


def found(client, query):
    response = client.get("/search/", {"q": query})
    return [lesson.title for lesson in response.context["result"].page]


def test_the_queue_shows_only_the_networks_searches_that_found_nothing_typed_by_three(
    client, lead, south_west
):
    response = queue_page(client, lead, south_west)
    assert response.status_code == 200
    assert [row["query"] for row in response.context["queue"]] == ["telepathy"]
    html = response.content.decode()
    assert "telepathy" in html
    assert "huddles" not in html.replace("huddles</a>", "")  # found something
    assert "pharmacy rota" not in html  # two people only
    assert "board papers" not in html  # another network's members
    assert "anonymous words" not in html  # not members
    assert "@example.nhs.uk" not in html.replace("lead@example.nhs.uk", "")  # never who


def test_only_the_networks_facilitators_and_site_editors_open_its_queue(
    client, lead, south_west, member_of
):
    client.logout()
    response = client.get(QUEUE.format(south_west.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    member = User.objects.get(email="sw0@example.nhs.uk")  # searched, in the network
    board_lead = member_of(BOARD, email="board-lead@example.nhs.uk", role="facilitator")
    staff = make_user("staff@example.nhs.uk", is_staff=True)
    for user in (member, board_lead, staff):
        assert queue_page(client, user, south_west).status_code == 404
        assert client.get(QUEUE.format(south_west.pk) + "answer/?query=telepathy").status_code == (
            404
        )
        ask = client.post(QUEUE.format(south_west.pk) + "ask/", {"query": "telepathy"})
        assert ask.status_code == 404
    assert not LessonRequest.objects.exists()
    editor = make_site_editor()
    response = queue_page(client, editor, south_west)
    assert [row["query"] for row in response.context["queue"]] == ["telepathy"]


def test_the_facilitator_card_counts_what_the_queue_shows(client, lead, south_west):
    client.force_login(lead)
    html = client.get(south_west.url).content.decode()
    assert f'href="{QUEUE.format(south_west.pk)}">1 search that found nothing' in html


def test_nothing_outside_the_queue_can_be_proposed_or_asked_for(client, lead, south_west):
    client.force_login(lead)
    for query in ("pharmacy rota", "board papers", "huddles", "never typed"):
        url = QUEUE.format(south_west.pk)
        assert client.get(url + "answer/", {"query": query}).status_code == 404
        assert client.post(url + "ask/", {"query": query}).status_code == 404
        response = client.post(
            url + "answer/", {"query": query, "answer": "words", "terms": "huddles"}
        )
        assert response.status_code == 200
        assert "not one of your network’s searches that found nothing" in (
            response.content.decode()
        )
    assert not AnswerProposal.objects.exists() and not LessonRequest.objects.exists()


@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({}, "answer", "Choose what answers this search"),
        ({"answer": "words"}, "terms", "Enter the other words for it"),
        ({"answer": "words", "terms": "a<b>"}, "terms", "is not a term search can match"),
        ({"answer": "page"}, "page_address", "Enter the address of the page"),
        ({"answer": "page", "page_address": "/lessons/secret-board/"}, "page_address", "you may"),
        ({"answer": "page", "page_address": "https://example.com/lessons/"}, "page_address", ""),
    ],
)
def test_a_proposal_with_a_missing_or_wrong_answer_names_the_field(
    client, lead, south_west, sent, field, message
):
    client.force_login(lead)
    response = client.post(QUEUE.format(south_west.pk) + "answer/", {"query": "telepathy", **sent})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in " ".join(errors[field])
    assert 'data-module="nhsuk-error-summary"' in response.content.decode()


def propose(client, facilitator, network, **answer):
    client.force_login(facilitator)
    url = QUEUE.format(network.pk) + "answer/"
    assert client.get(url, {"query": "telepathy"}).status_code == 200
    response = client.post(url, {"query": "telepathy", "note": "Ours say huddles.", **answer})
    assert response.status_code == 302, response.context["form"].errors
    return AnswerProposal.objects.get()


def decide(client, proposal, status, **fields):
    editor = make_site_editor()  # by the group, not a superuser
    client.force_login(editor)
    url = f"/admin/answer_proposals/edit/{proposal.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"terms": proposal.terms, "status": status, **fields})
    assert response.status_code == 302, response.context["form"].errors
    proposal.refresh_from_db()
    return editor


def test_an_accepted_thesaurus_entry_changes_search_results_at_once(client, lead, south_west):
    proposal = propose(client, lead, south_west, answer="words", terms="evidence briefings")
    assert proposal.status == "proposed" and proposal.proposed_by == lead
    assert found(client, "telepathy") == []
    html = queue_page(client, lead, south_west).content.decode()
    assert "Waiting for site editors" in html
    editor = decide(client, proposal, "accepted")
    assert proposal.status == "accepted" and proposal.decided_by == editor
    entry = ThesaurusEntry.objects.get(terms__startswith="telepathy")
    assert entry.one_way and entry.term_list() == ["telepathy", "evidence briefings"]
    assert found(client, "telepathy") == ["Evidence briefings at huddles"]
    assert "Accepted" in queue_page(client, lead, south_west).content.decode()


def test_an_accepted_pick_is_shown_for_the_query_at_once(client, lead, south_west):
    proposal = propose(
        client, lead, south_west, answer="page", page_address="/lessons/community-cafe/"
    )
    client.logout()
    assert client.get("/search/", {"q": "telepathy"}).context["picks"] == []
    decide(client, proposal, "accepted")
    client.logout()
    picks = client.get("/search/", {"q": "Telepathy"}).context["picks"]
    assert [title for title, url, description in picks] == ["A knowledge cafe for community nurses"]


def test_a_declined_proposal_changes_nothing_and_cannot_be_decided_again(client, lead, south_west):
    proposal = propose(client, lead, south_west, answer="words", terms="evidence briefings")
    entries = ThesaurusEntry.objects.count()
    decide(client, proposal, "declined")
    assert proposal.status == "declined"
    assert ThesaurusEntry.objects.count() == entries
    response = client.post(
        f"/admin/answer_proposals/edit/{proposal.pk}/", {"terms": "x, y", "status": "accepted"}
    )
    assert response.status_code == 200
    assert "decided already" in str(response.context["form"].errors)
    assert found(client, "telepathy") == []


def test_only_site_editors_see_proposals_in_the_admin(client, lead, south_west):
    proposal = propose(client, lead, south_west, answer="words", terms="evidence briefings")
    for url in ("/admin/answer_proposals/", f"/admin/answer_proposals/edit/{proposal.pk}/"):
        client.force_login(lead)
        assert client.get(url).status_code in (302, 403)
    client.force_login(make_site_editor())
    assert client.get("/admin/answer_proposals/").status_code == 200
    assert client.get("/admin/answer_proposals/new/").status_code in (302, 403)


def test_an_ask_for_a_lesson_is_on_the_network_page_and_in_followers_next_digest(
    client, lead, south_west, django_capture_on_commit_callbacks
):
    follower = make_user("follower@example.nhs.uk")
    NotificationPreference.objects.create(member=follower, frequency="weekly")
    Follow.objects.create(follower=follower, target=south_west)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(QUEUE.format(south_west.pk) + "ask/", {"query": "telepathy"})
    assert response.status_code == 302
    assert LessonRequest.objects.get().asked_by == lead
    assert "A lesson was asked for on" in queue_page(client, lead, south_west).content.decode()
    client.logout()
    html = client.get(south_west.url).content.decode()
    assert "Lessons members are looking for" in html and "“telepathy”" in html
    call_command("send_digests", "--frequency", "weekly", stdout=io.StringIO())
    [email] = [message for message in mail.outbox if message.to == [follower.email]]
    assert email.subject == "Your weekly digest: 1 new request for a lesson"
    assert "A lesson on “telepathy”, asked for by South West KM Network" in email.body
    assert re.search(r"http://\S+/lessons/share/\?network=south-west-km", email.body)
    mail.outbox.clear()
    call_command("send_digests", "--frequency", "weekly", stdout=io.StringIO())
    assert not mail.outbox  # once


def test_an_ask_in_a_members_only_network_is_shown_to_its_members_only(library, client, member_of):
    board = NetworkPage.objects.get(slug=BOARD)
    lead = member_of(BOARD, email="board-lead@example.nhs.uk", role="facilitator")
    unanswered.ask(board, "board secrets", lead)
    client.force_login(make_user("outsider@example.nhs.uk"))
    assert "board secrets" not in client.get(board.url).content.decode()
    client.force_login(member_of(BOARD, email="board-member@example.nhs.uk"))
    assert "board secrets" in client.get(board.url).content.decode()


def test_a_query_with_punctuation_becomes_a_term_the_thesaurus_can_match(db):
    proposal = AnswerProposal(
        network=NetworkPage(title="South West KM Network"),
        query="what's an aar?",
        terms="after action review",
    )
    entry = proposal.thesaurus_entry()
    entry.clean()
    assert entry.term_list() == ["what's an aar", "after action review"]


def test_followers_who_want_emails_at_once_hear_of_an_ask_when_it_is_made(
    lead, south_west, django_capture_on_commit_callbacks
):
    follower = make_user("follower@example.nhs.uk")
    NotificationPreference.objects.create(member=follower, frequency="immediate")
    Follow.objects.create(follower=follower, target=south_west)
    board_follower = make_user("board-follower@example.nhs.uk")
    NotificationPreference.objects.create(member=board_follower, frequency="immediate")
    Follow.objects.create(follower=board_follower, target=NetworkPage.objects.get(slug=BOARD))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unanswered.ask(south_west, "telepathy", lead)
        unanswered.ask(south_west, "telepathy", lead)  # once
    [email] = mail.outbox
    assert email.to == [follower.email]
    assert email.subject == "New request for a lesson: A lesson on “telepathy”"


def test_an_ask_leaves_the_network_page_after_sixty_days(client, lead, south_west):
    ask = unanswered.ask(south_west, "telepathy", lead)
    assert "“telepathy”" in client.get(south_west.url).content.decode()
    LessonRequest.objects.filter(pk=ask.pk).update(
        asked_at=ask.asked_at - datetime.timedelta(days=unanswered.ASK_DAYS + 1)
    )
    assert "Lessons members are looking for" not in client.get(south_west.url).content.decode()

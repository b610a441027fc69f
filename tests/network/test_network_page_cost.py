"""What the network page and an event page read, and that they read it once: pins of the
repeated and unneeded work removed from them (issue 26). Their query budgets, visitor and
member, are in tests/core/test_query_budgets.py; how the network page's cost does not grow
with its members, in tests/network/test_pages.py."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from lessons.sharing import rules as sharing
from maturity.models import Dimension
from network.models import NetworkPage, NetworkReview, OutcomeMeasure, ReviewScore
from questions import posting
from questions.models import Question
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import (
    add_child,
    add_event,
    add_resource,
    make_member,
    make_profile,
    research_summary_page,
)

MATRIX_CODES = ["nmm-purpose", "nmm-leadership", "nmm-knowledge-sharing"]


def review(network, date, level):
    recorded = NetworkReview(network=network, date=date)
    recorded.scores = [
        ReviewScore(dimension=Dimension.objects.get(code=code), current_level=level, target_level=4)
        for code in MATRIX_CODES
    ]
    recorded.measures = [OutcomeMeasure(name="active members", value=Decimal(12), date=date)]
    recorded.save()


@pytest.fixture(scope="module")
def network(module_lessons):
    """South West with something in every part of its page: lessons with themes, events to
    come and past, a resource, a research summary, two reviews, a question and members with
    profiles anyone may see."""
    module_lessons(lesson(), lesson(slug="bed-boards", title="Bed boards"))
    network = NetworkPage.objects.get(slug="south-west-km")
    add_event(network, "webinar", "Webinar", days=7)
    add_event(network, "last-year", "Last year's webinar", days=-300)
    add_resource(network, "toolkit", "Toolkit")
    add_child(network, research_summary_page("summary"))
    review(network, datetime.date(2025, 3, 1), 1)
    review(network, datetime.date(2026, 3, 1), 2)
    lead = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    member = make_member("south-west-km", "member@example.nhs.uk")
    for person in (lead, member):
        make_profile(person)
    Question.objects.create(
        author=member, network=network, title="Who runs your huddles?", body="And when?"
    )
    return network


def statements(client, url):
    """The SQL of one request for the page, after one that warms Wagtail's site-root cache."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured]


def test_the_network_is_read_once(network, client):
    # Routed as a network in one query; each question names it from the page (Wagtail's own
    # route read the page's network row again, and so did each question's place).
    by_id = f'"network_networkpage"."page_ptr_id" = {network.pk}'
    assert [sql for sql in statements(client, network.url) if by_id in sql] == []


def test_lesson_cards_read_no_themes(network, client):
    # A lesson card shows no themes; the page read every listed lesson's themes.
    assert [sql for sql in statements(client, network.url) if "lessontheme" in sql] == []


@pytest.mark.parametrize(
    "column",
    [
        '"lessons_lessonpage"."what_happened"',
        '"lessons_lessonpage"."factors"',
        '"network_eventpage"."description"',
        '"network_eventpage"."materials"',
        '"network_resourcepage"."body"',
        '"network_researchsummarypage"."findings"',
        '"network_profile"."bio"',
        '"accounts_user"."password"',  # members' accounts: only their profiles are shown
    ],
)
def test_lists_read_only_what_they_show(network, client, column):
    assert [sql for sql in statements(client, network.url) if column in sql] == []


def test_the_trend_reads_scores_once_without_a_join(network, client):
    scores = [sql for sql in statements(client, network.url) if '"network_reviewscore"' in sql]
    assert len(scores) == 1
    assert "JOIN" not in scores[0]  # each score's dimension is the one the page already has


def test_an_event_page_reads_no_site_roots_once_routing_keeps_them(network, client):
    """Its JSON-LD's organiser address is built with the request, so it asks routing's kept
    root paths (core/routing.py) rather than the database cache again."""
    event = network.get_children().get(slug="webinar")
    reads = [sql for sql in statements(client, event.url) if "wagtail_site_root_paths" in sql]
    assert reads == []


def test_a_members_networks_are_read_once(network, client):
    """The lessons' read rule, the invitation to share and whether they may ask a question
    all ask which networks the reader belongs to: one query for all three (three before)."""
    member = get_user_model().objects.get(email="member@example.nhs.uk")
    client.force_login(member)
    theirs = f'"network_membership"."user_id" = {member.pk}'
    assert len([sql for sql in statements(client, network.url) if theirs in sql]) == 1


def test_the_rules_answer_alike_from_a_requests_kept_networks(network):
    """may_share_with and may_ask_in, answered from the networks a request keeps, agree with
    their queries for everyone (members, facilitators, outsiders, visitors) on every network,
    an unpublished one too; and a request keeps them only for its own reader."""
    draft = NetworkPage.objects.exclude(pk=network.pk).order_by("pk").first()
    draft.live = False  # as an unpublished network is read
    people = [AnonymousUser(), *get_user_model().objects.order_by("pk")]
    networks = [*NetworkPage.objects.exclude(pk=draft.pk), draft]
    for person in people:
        request = RequestFactory().get(network.url)
        request.user = person
        for place in networks:
            assert sharing.may_share_with(person, place, request) == (
                sharing.networks_for(person).filter(pk=place.pk, live=place.live).exists()
            ), (person, place)
            asks = person.is_authenticated and person.is_active and place.live
            asks = asks and place.memberships.filter(user=person).exists()
            assert posting.may_ask_in(person, place, request) == asks, (person, place)
    member = get_user_model().objects.get(email="member@example.nhs.uk")
    outsider = make_user("outsider@example.nhs.uk")
    request = RequestFactory().get(network.url)
    request.user = member
    assert sharing.may_share_with(member, network, request)
    assert not sharing.may_share_with(outsider, network, request)  # not the member's networks
    assert not posting.may_ask_in(outsider, network, request)

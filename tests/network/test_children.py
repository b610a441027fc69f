"""Events, resources and research summaries belong to a network, and one rule says who may read
them (NetworkChildPage): live, and in a live network that shares its content with the reader. It
is asked for many pages (listings, search, calendars, tags, digests) and for one (the page, its
calendar file, the sitemap). An unpublished network takes its pages with it, even those still
live under it."""

import datetime

from django.contrib.auth.models import AnonymousUser

import pytest

from network.models import (
    EventPage,
    Membership,
    NetworkPage,
    ResearchSummaryPage,
    ResourcePage,
)
from tests.builders.accounts import make_user


@pytest.fixture(scope="module")
def people(children, django_db_blocker):
    """Every kind of person: signed out, in no network, a member of each kind of network, a
    facilitator, a superuser."""

    def member(email, network, role=Membership.Role.MEMBER):
        user = make_user(email)
        Membership.objects.create(network=children[network], user=user, role=role)
        return user

    with django_db_blocker.unblock():
        return {
            "anonymous": AnonymousUser(),
            "signed in, no network": make_user("nobody@example.nhs.uk"),
            "public network member": member("open@example.nhs.uk", "public"),
            "board member": member("board@example.nhs.uk", "board"),
            "board facilitator": member(
                "lead@example.nhs.uk", "board", Membership.Role.FACILITATOR
            ),
            "unpublished network member": member("gone@example.nhs.uk", "gone"),
            "unpublished board member": member("gone.board@example.nhs.uk", "gone board"),
            "superuser": make_user("admin@example.nhs.uk", is_superuser=True),
        }


KINDS = (EventPage, ResourcePage, ResearchSummaryPage)


def readable(person):
    return {page.slug for kind in KINDS for page in kind.objects.readable_by(person)}


def test_the_queryset_and_the_single_page_agree_for_everyone(people):
    for name, person in people.items():
        slugs = readable(person)
        for kind in KINDS:
            for page in kind.objects.all():
                assert page.is_readable_by(person) == (page.slug in slugs), (name, page.slug)


def test_the_networks_sharing_their_content_agree_for_one_and_for_many(people):
    for name, person in people.items():
        sharing = set(NetworkPage.objects.sharing_content_with(person))
        for network in NetworkPage.objects.all():
            assert network.shares_content_with(person) == (network in sharing), (name, network.slug)


def test_who_reads_what(people):
    open_pages = {"open-event", "open-resource", "open-summary"}
    board_pages = {"board-event", "board-resource", "board-summary"}
    for name in ["anonymous", "signed in, no network", "public network member"]:
        assert readable(people[name]) == open_pages, name
    assert readable(people["board member"]) == open_pages | board_pages
    assert readable(people["board facilitator"]) == open_pages | board_pages
    # Nobody reads an unpublished network's pages, its own members included.
    assert readable(people["unpublished network member"]) == open_pages
    assert readable(people["unpublished board member"]) == open_pages
    # Drafts are read by nobody; editors preview them in the admin.
    assert readable(people["superuser"]) == open_pages | board_pages


@pytest.mark.parametrize("slug", ["board-event", "board-resource", "board-summary"])
def test_a_members_only_networks_pages_are_not_found_by_others(people, client, slug):
    url = f"/networks/board-leads/{slug}/"
    assert client.get(url).status_code == 404
    client.force_login(people["signed in, no network"])
    assert client.get(url).status_code == 404
    client.force_login(people["board member"])
    assert client.get(url).status_code == 200


def test_an_event_calendar_file_follows_the_same_rule(people, client):
    url = "/networks/board-leads/board-event/calendar/"
    assert client.get(url).status_code == 404
    client.force_login(people["board member"])
    assert client.get(url).status_code == 200


UNPUBLISHED = [
    f"/networks/{network}/{prefix}-{kind}/"
    for network, prefix in [("gone-km", "unpublished"), ("gone-board", "unpublished-members")]
    for kind in ("event", "resource", "summary")
]


@pytest.mark.parametrize("url", UNPUBLISHED)
def test_an_unpublished_networks_pages_are_not_found_even_by_its_members(people, client, url):
    assert client.get(url).status_code == 404
    for name in ["unpublished network member", "unpublished board member", "board facilitator"]:
        client.force_login(people[name])
        assert client.get(url).status_code == 404, name


def test_an_unpublished_networks_calendars_are_not_found(people, client):
    assert client.get("/networks/gone-km/unpublished-event/calendar/").status_code == 404
    assert client.get("/networks/gone-km/calendar/").status_code == 404
    client.force_login(people["unpublished board member"])
    url = "/networks/gone-board/unpublished-members-event/calendar/"
    assert client.get(url).status_code == 404


def test_an_unpublished_networks_pages_are_not_found_by_search(people, client):
    client.force_login(people["unpublished board member"])
    found = client.get("/search/", {"q": "event resource summary"}).content.decode()
    assert "/networks/south-west-km/open-event/" in found
    assert "/networks/gone-" not in found


def test_an_unpublished_networks_events_are_in_no_digest(people, children):
    from following.digests import new_items
    from following.models import Follow

    member = people["unpublished board member"]
    for network in children.values():
        Follow.objects.create(follower=member, target=network)
    # Followed before the events were published: a digest starts when the member follows.
    Follow.objects.filter(follower=member).update(
        created_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    events = {item.object.slug for item in new_items(member) if isinstance(item.object, EventPage)}
    assert events == {"open-event"}

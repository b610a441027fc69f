"""Events, resources and research summaries belong to a network, and one rule says who may read
them (NetworkChildPage): live, and in a network that shares its content with the reader. It is
asked for many pages (listings, search, calendars, tags) and for one (the page, the sitemap)."""

from django.contrib.auth.models import AnonymousUser

import pytest

from network.models import (
    EventPage,
    ResearchSummaryPage,
    ResourcePage,
)
from tests.builders.accounts import make_user


@pytest.fixture(scope="module")
def people(children, django_db_blocker):
    from network.models import Membership

    with django_db_blocker.unblock():
        board_member = make_user("board@example.nhs.uk")
        Membership.objects.create(network=children["board"], user=board_member)
        return {
            "anonymous": AnonymousUser(),
            "signed in, no network": make_user("nobody@example.nhs.uk"),
            "board member": board_member,
            "superuser": make_user("admin@example.nhs.uk", is_superuser=True),
        }


KINDS = (EventPage, ResourcePage, ResearchSummaryPage)


def readable(person):
    return {page.slug for kind in KINDS for page in kind.readable_by(person)}


def test_the_queryset_and_the_single_page_agree_for_everyone(people):
    for name, person in people.items():
        slugs = readable(person)
        for kind in KINDS:
            for page in kind.objects.all():
                assert page.is_readable_by(person) == (page.slug in slugs), (name, page.slug)


def test_who_reads_what(people):
    open_pages = {"open-event", "open-resource", "open-summary"}
    board_pages = {"board-event", "board-resource", "board-summary"}
    assert readable(people["anonymous"]) == open_pages
    assert readable(people["signed in, no network"]) == open_pages
    assert readable(people["board member"]) == open_pages | board_pages
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

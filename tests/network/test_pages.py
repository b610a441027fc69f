"""Network and profile pages: their content, and a cost that does not grow with membership."""

import datetime

from django.db import transaction
from django.utils import timezone

import pytest

from accounts.models import User
from network.models import Membership, NetworkPage, ResearchSummaryPage, ResourcePage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile

LATER = timezone.now() + datetime.timedelta(days=30)


def fill(network, count):
    for n in range(count):
        user = make_user(f"member{n:03}@example.nhs.uk")
        Membership.objects.create(
            network=network, user=user, role="facilitator" if n == 0 else "member"
        )
        profile = make_profile(user, display_name=f"Member {n:03}")
        profile.specialisms.set(["searching"])
        profile.save()
    return Membership.objects.filter(network=network).first().user


def test_resources_and_research_summaries_are_searchable(networks, client):
    network = networks["south-west-km"]
    network.add_child(
        instance=ResourcePage(
            title="Peer assist toolkit",
            slug="peer-assist-toolkit",
            summary="Run a peer assist.",
            body="Invite people who have done it before.",
        )
    )
    network.add_child(
        instance=ResearchSummaryPage(
            title="Do clinical librarians save time?",
            slug="librarians-save-time",
            question="Do clinical librarians save clinicians time?",
            findings="Yes, about 2 hours.",
            reliability="Small studies.",
            applies_to="Acute trusts.",
            citation="Example 2024.",
        )
    )
    for page in list(ResourcePage.objects.all()) + list(ResearchSummaryPage.objects.all()):
        page.save_revision().publish()
    assert [p.slug for p in ResourcePage.objects.live().search("toolkit")] == [
        "peer-assist-toolkit"
    ]
    assert [p.slug for p in ResearchSummaryPage.objects.live().search("clinicians")] == [
        "librarians-save-time"
    ]
    html = client.get("/networks/south-west-km/librarians-save-time/").content.decode()
    assert "How reliable it is" in html and "Small studies." in html
    assert client.get("/networks/south-west-km/peer-assist-toolkit/").status_code == 200


def test_network_index_counts_members(networks, client, member_of):
    member_of("south-west-km")
    html = client.get("/networks/").content.decode()
    assert "1 member" in html
    assert NetworkPage.objects.count() == 2


def test_an_editor_previews_a_network_page_with_its_people_and_events(
    networks, add_event, member_of, client, rf
):
    """The network page is served by a route (NetworkPage.index_route), which the admin's
    preview goes through too: the preview shows what the page shows."""
    network = networks["board-leads"]
    member_of("board-leads", role="facilitator")
    add_event(network, "board-roundtable", LATER, title="Board roundtable")
    client.force_login(make_user("editor@example.nhs.uk", is_superuser=True))
    signed_in = rf.get("/", HTTP_COOKIE=client.cookies.output(header="", sep=";"))
    html = network.make_preview_request(original_request=signed_in).content.decode()
    assert "Board roundtable" in html
    assert "1 member" in html
    assert "For facilitators" in html


# Last in the module: the other tests build their own network, so none may run while a
# filled one is kept (a module fixture lasts until the next size or the module's end).
@pytest.fixture(scope="module")
def filled(request, module_lessons):
    """A network of request.param members, built once for the tests of that size, which only
    read it; undone before the next size is built (and what a test writes, after the test)."""
    with transaction.atomic():
        module_lessons(lesson())
        network = NetworkPage.objects.get(slug="south-west-km")
        yield request.param, network.pk, fill(network, request.param).pk
        transaction.set_rollback(True)


@pytest.fixture
def members(filled):
    """(size, the network, its first member), read afresh for each test."""
    size, network, first = filled
    return size, NetworkPage.objects.get(pk=network), User.objects.get(pk=first)


@pytest.mark.parametrize("filled", [5, 200], indirect=True)
def test_network_page_queries_do_not_grow_with_members(
    members, client, django_assert_max_num_queries
):
    size, network, first = members
    client.force_login(first)
    client.get(network.url)
    # 30 for the page and its sections, 1 for the follow button (following already?), 1 for
    # whether the reader may share a lesson with the network, 1 for the header's links from
    # the page tree, 1 for its metadata (Wagtail's privacy setting); for a facilitator, 2 for
    # the lessons waiting for their review and 1 for the network's search insights; 1 for the
    # lessons its facilitators asked for (search/wagtail_hooks.py); 2 for its latest questions
    # and whether the reader may ask it one, and for a facilitator 1 for the reported posts
    # waiting for them (questions/wagtail_hooks.py). (41 before: the network is routed in one
    # query, and lesson cards read no themes: tests/network/test_network_page_cost.py.)
    with django_assert_max_num_queries(39):
        response = client.get(network.url)
    assert response.content.decode().count("app-profile-card") >= size


@pytest.mark.parametrize("filled", [5, 200], indirect=True)
def test_profile_page_queries_do_not_grow_with_members(
    members, client, django_assert_max_num_queries
):
    profile = members[2].profile
    client.get(profile.get_absolute_url())
    with django_assert_max_num_queries(12):
        response = client.get(profile.get_absolute_url())
    assert "Member 000" in response.content.decode()


@pytest.mark.parametrize("filled", [5, 200], indirect=True)
def test_directory_queries_do_not_grow_with_members(members, client, django_assert_max_num_queries):
    client.get("/members/?network=south-west-km")  # warm Wagtail's site-root cache
    # 10 for the directory, 2 for the header's links from the page tree (the index pages, and
    # Wagtail's site root paths, which this Django view does not otherwise need).
    with django_assert_max_num_queries(12):
        response = client.get("/members/?network=south-west-km")
    assert "Member 000" in response.content.decode()

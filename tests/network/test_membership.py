"""Joining, leaving, and facilitators adding members to members-only networks."""

import pytest

from network.models import Membership, NetworkPage
from tests.conftest import lesson, make_user


@pytest.fixture
def networks(import_lessons):
    import_lessons(lesson())
    return {network.slug: network for network in NetworkPage.objects.all()}


def test_a_member_joins_and_leaves_a_public_network(networks, client):
    user = make_user("new@example.nhs.uk")
    client.force_login(user)
    response = client.post("/networks/south-west-km/join/", follow=True)
    assert "You have joined South West KM Network." in response.content.decode()
    assert Membership.objects.filter(user=user, network__slug="south-west-km").exists()
    assert "Leave this network" in response.content.decode()

    client.post("/networks/south-west-km/join/")  # twice is harmless
    assert Membership.objects.filter(user=user).count() == 1

    response = client.post("/networks/south-west-km/leave/", follow=True)
    assert "You have left South West KM Network." in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_joining_needs_a_signed_in_post(networks, client):
    assert client.get("/networks/south-west-km/join/").status_code == 405
    response = client.post("/networks/south-west-km/join/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/networks/south-west-km/join/")
    assert not Membership.objects.exists()


def test_nobody_joins_a_members_only_network_by_themselves(networks, client):
    client.force_login(make_user("new@example.nhs.uk"))
    response = client.post("/networks/board-leads/join/", follow=True)
    assert "Ask one of its facilitators to add you" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_facilitator_adds_a_member(networks, client, member_of):
    facilitator = member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    newcomer = make_user("newcomer@example.nhs.uk")
    client.force_login(facilitator)
    page = client.get("/networks/board-leads/").content.decode()
    assert "Add a member" in page
    assert client.get("/networks/board-leads/members/add/").status_code == 200

    response = client.post(
        "/networks/board-leads/members/add/", {"email": "NEWCOMER@example.nhs.uk"}, follow=True
    )
    assert "is now a member of Board Evidence Leads" in response.content.decode()
    assert Membership.objects.filter(user=newcomer, network__slug="board-leads").exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.nhs.uk", "Nobody has an account with that email address."),
        ("lead@example.nhs.uk", "is already a member of this network."),
        ("not-an-email", "Enter a valid email address."),
    ],
)
def test_adding_a_member_explains_what_went_wrong(networks, client, member_of, email, message):
    client.force_login(member_of("board-leads", email="lead@example.nhs.uk", role="facilitator"))
    response = client.post("/networks/board-leads/members/add/", {"email": email})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert f'value="{email}"' in html


def test_only_facilitators_add_members(networks, client, member_of):
    client.force_login(member_of("board-leads", email="plain@example.nhs.uk"))
    assert client.get("/networks/board-leads/members/add/").status_code == 403
    assert (
        client.post(
            "/networks/board-leads/members/add/", {"email": "plain@example.nhs.uk"}
        ).status_code
        == 403
    )
    # A facilitator of one network is nobody special in another.
    client.force_login(member_of("south-west-km", email="sw@example.nhs.uk", role="facilitator"))
    assert client.get("/networks/board-leads/members/add/").status_code == 403


def test_anonymous_people_are_asked_to_sign_in(networks, client):
    response = client.get("/networks/board-leads/members/add/")
    assert response.status_code == 302 and "/accounts/login/" in response.url

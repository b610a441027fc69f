"""Joining, leaving, and facilitators adding members to members-only networks."""

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied

import pytest

from network.models import JoinRequest, Membership
from tests.builders.accounts import make_user


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


def test_asking_to_join_a_members_only_network(
    networks, client, member_of, django_capture_on_commit_callbacks
):
    facilitator = member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    member_of("board-leads", email="plain@example.nhs.uk")
    asker = make_user("asker@example.nhs.uk")
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/networks/board-leads/join/", {"message": "I write our board papers."}, follow=True
        )
    html = response.content.decode()
    assert "You have asked to join Board Evidence Leads" in html
    assert "You have asked to join. We will email you" in html
    assert not Membership.objects.filter(user=asker).exists()
    join_request = JoinRequest.objects.get(user=asker)
    assert join_request.status == "pending" and join_request.message == "I write our board papers."
    # Facilitators, and only they, are told.
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    # The link uses the site's public address (SITE_URL), never the request's host.
    assert f"{settings.SITE_URL}/networks/board-leads/requests/" in mail.outbox[0].body

    client.post("/networks/board-leads/join/", {"message": "again"})
    assert JoinRequest.objects.filter(user=asker).count() == 1


@pytest.mark.parametrize(
    ("decision", "status", "subject", "is_member"),
    [
        ("approve", "approved", "Welcome to Board Evidence Leads", True),
        ("decline", "declined", "Your request to join Board Evidence Leads", False),
    ],
)
def test_a_facilitator_decides_a_request(
    networks,
    client,
    member_of,
    decision,
    status,
    subject,
    is_member,
    django_capture_on_commit_callbacks,
):
    facilitator = member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    asker = make_user("asker@example.nhs.uk")
    join_request = JoinRequest.objects.create(network=networks["board-leads"], user=asker)
    client.force_login(facilitator)
    listing = client.get("/networks/board-leads/requests/").content.decode()
    assert "asker@example.nhs.uk" in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/networks/board-leads/requests/{join_request.pk}/{decision}/", follow=True
        )
    assert response.status_code == 200
    join_request.refresh_from_db()
    assert join_request.status == status and join_request.decided_by == facilitator
    assert Membership.objects.filter(user=asker, network__slug="board-leads").exists() is is_member
    assert [(m.to, m.subject) for m in mail.outbox] == [([asker.email], subject)]
    # A request is decided once.
    again = client.post(f"/networks/board-leads/requests/{join_request.pk}/{decision}/")
    assert again.status_code == 404


def test_requests_are_for_that_networks_facilitators_only(networks, client, member_of):
    asker = make_user("asker@example.nhs.uk")
    join_request = JoinRequest.objects.create(network=networks["board-leads"], user=asker)
    decide = f"/networks/board-leads/requests/{join_request.pk}/approve/"
    client.force_login(member_of("board-leads", email="plain@example.nhs.uk"))
    assert client.get("/networks/board-leads/requests/").status_code == 403
    assert client.post(decide).status_code == 403
    client.force_login(member_of("south-west-km", email="sw@example.nhs.uk", role="facilitator"))
    assert client.get("/networks/board-leads/requests/").status_code == 403
    assert client.post(decide).status_code == 403
    assert client.get(decide).status_code == 405
    assert not Membership.objects.filter(user=asker).exists()


def added_message(email):
    return (
        f"If {email} belongs to an account on this site, that person is now a member of "
        "Board Evidence Leads. If not, ask them to sign up first."
    )


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
    assert added_message("NEWCOMER@example.nhs.uk") in response.content.decode()
    assert Membership.objects.filter(user=newcomer, network__slug="board-leads").exists()


@pytest.mark.parametrize(
    "email", ["newcomer@example.nhs.uk", "nobody@example.nhs.uk", "lead@example.nhs.uk"]
)
def test_adding_a_member_never_tells_whether_or_whose_an_account_is(
    networks, client, member_of, email
):
    """A facilitator learns nothing from the form about an address: the answer is the same
    for someone with an account, nobody, and someone already in the network."""
    make_user("newcomer@example.nhs.uk", first_name="Nora", last_name="Newcomer")
    client.force_login(member_of("board-leads", email="lead@example.nhs.uk", role="facilitator"))
    response = client.post("/networks/board-leads/members/add/", {"email": email})
    assert response.status_code == 302 and response.url == "/networks/board-leads/"
    html = client.get(response.url).content.decode()
    assert added_message(email) in html
    assert "Nora" not in html and "Newcomer" not in html and "already" not in html
    assert Membership.objects.filter(network__slug="board-leads").count() == (
        1 if email != "newcomer@example.nhs.uk" else 2
    )


def test_adding_a_member_needs_an_email_address(networks, client, member_of):
    client.force_login(member_of("board-leads", email="lead@example.nhs.uk", role="facilitator"))
    response = client.post("/networks/board-leads/members/add/", {"email": "not-an-email"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "There is a problem" in html
    assert 'value="not-an-email"' in html


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


def test_emails_wait_for_the_request_to_be_saved(
    networks, member_of, django_capture_on_commit_callbacks
):
    member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    asker = make_user("asker@example.nhs.uk")
    with django_capture_on_commit_callbacks() as callbacks:
        networks["board-leads"].ask_to_join(asker, "Please")
        assert mail.outbox == []  # nothing is sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["lead@example.nhs.uk"]]


def test_a_failing_mail_server_does_not_lose_the_request(
    networks, member_of, client, settings, django_capture_on_commit_callbacks
):
    member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    asker = make_user("asker@example.nhs.uk")
    client.force_login(asker)
    # A mail server that refuses connections: nothing listens on port 9 here.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/networks/board-leads/join/", {"message": "Hello"}, follow=True)
    assert response.status_code == 200
    assert "You have asked to join Board Evidence Leads" in response.content.decode()
    assert JoinRequest.objects.filter(user=asker, status="pending").exists()


def test_transitions_refuse_people_who_are_not_facilitators(networks, member_of):
    asker = make_user("asker@example.nhs.uk")
    join_request, _ = networks["board-leads"].ask_to_join(asker)
    plain = member_of("board-leads", email="plain@example.nhs.uk")
    other = member_of("south-west-km", email="sw@example.nhs.uk", role="facilitator")
    for person in (plain, other):
        with pytest.raises(PermissionDenied):
            join_request.approve(by=person)
        with pytest.raises(PermissionDenied):
            networks["board-leads"].add_member(asker, by=person)
    assert not Membership.objects.filter(user=asker).exists()
    with pytest.raises(PermissionDenied):
        networks["board-leads"].join(asker)  # members-only networks are asked, not joined


def test_the_admin_lists_memberships_of_one_network_by_its_slug(networks, client, member_of):
    member_of("south-west-km", email="sw@example.nhs.uk")
    member_of("board-leads", email="board@example.nhs.uk")
    client.force_login(make_user("staff@example.nhs.uk", is_staff=True, is_superuser=True))
    html = client.get("/admin/memberships/", {"network": "south-west-km"}).content.decode()
    assert "sw@example.nhs.uk" in html and "board@example.nhs.uk" not in html
    # A number too large for the database is just no such network, not an error.
    response = client.get("/admin/memberships/", {"network": "9" * 30})
    assert response.status_code == 200

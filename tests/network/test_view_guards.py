"""Who gets past the door of each network action, before the action itself is asked: an action
that changes something answers only POST (405 to anything else, whoever asks), a signed-out
person is sent to sign in and back to the address they asked for, and a facilitator's page
refuses everyone who does not facilitate that network."""

import pytest

from accounts.models import User
from network.models import JoinRequest, Membership, NetworkPage
from tests.builders.lessons import lesson

DECIDE = "/networks/board-leads/requests/{request}/approve/"
POST_ONLY = ["/networks/south-west-km/join/", "/networks/south-west-km/leave/", DECIDE]
FACILITATORS_ONLY = [
    ("get", "/networks/board-leads/requests/"),
    ("get", "/networks/board-leads/members/add/"),
    ("post", "/networks/board-leads/members/add/"),
    ("get", "/networks/board-leads/reviews/add/"),
    ("post", "/networks/board-leads/reviews/add/"),
    ("post", DECIDE),
]
SIGNED_IN_ONLY = [("post", path) for path in POST_ONLY] + FACILITATORS_ONLY


@pytest.fixture(scope="module")
def door(module_lessons):
    module_lessons(lesson())
    board = NetworkPage.objects.get(slug="board-leads")
    asker = User.objects.create_user(email="asker@example.nhs.uk")
    member = User.objects.create_user(email="member@example.nhs.uk")
    Membership.objects.create(network=board, user=member, role="member")
    other = User.objects.create_user(email="other-lead@example.nhs.uk")
    Membership.objects.create(
        network=NetworkPage.objects.get(slug="south-west-km"), user=other, role="facilitator"
    )
    join_request = JoinRequest.objects.create(network=board, user=asker)
    return {"member": member, "other facilitator": other, "request": join_request.pk}


def address(path, door):
    return path.format(request=door["request"])


@pytest.mark.parametrize("path", POST_ONLY)
@pytest.mark.parametrize("who", [None, "member"])
@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_an_action_that_changes_something_answers_only_post(door, client, path, who, method):
    if who:
        client.force_login(door[who])
    response = getattr(client, method)(address(path, door))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize(("method", "path"), SIGNED_IN_ONLY)
def test_signed_out_people_are_sent_to_sign_in_and_back(door, client, method, path):
    response = getattr(client, method)(address(path, door))
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={address(path, door)}"


@pytest.mark.parametrize(("method", "path"), FACILITATORS_ONLY)
@pytest.mark.parametrize("who", ["member", "other facilitator"])
def test_a_facilitators_page_refuses_those_who_do_not_facilitate_the_network(
    door, client, method, path, who
):
    client.force_login(door[who])
    assert getattr(client, method)(address(path, door)).status_code == 403
    assert not Membership.objects.filter(user__email="asker@example.nhs.uk").exists()

"""Questions: the people of a questions test (anonymous, non-member, member, facilitator, in
the public network south-west-km and the members-only board-leads), and posts made through the
one place that makes them (questions.posting)."""

from django.contrib.auth.models import AnonymousUser

from network.models import NetworkPage
from questions import posting
from tests.builders.accounts import make_user
from tests.builders.network import make_member

PLACES = ("public", "members", "site")
READERS = ("anonymous", "non_member", "member", "facilitator")
NETWORK_OF = {"public": "south-west-km", "members": "board-leads", "site": None}


def people():
    """{reader: user}: a member and a facilitator of both networks, and one of neither."""
    member = make_member("south-west-km", "asker@example.nhs.uk")
    make_member("board-leads", "asker@example.nhs.uk")
    facilitator = make_member("south-west-km", "facilitator@example.nhs.uk", role="facilitator")
    make_member("board-leads", "facilitator@example.nhs.uk", role="facilitator")
    return {
        "anonymous": AnonymousUser(),
        "non_member": make_user("outsider@example.nhs.uk"),
        "member": member,
        "facilitator": facilitator,
    }


def network(place):
    slug = NETWORK_OF[place]
    return NetworkPage.objects.get(slug=slug) if slug else None


def ask(asker, place="public", title="How do we get consultants to discharge huddles?", **more):
    more.setdefault("body", "Our huddles lose momentum after two weeks.")
    return posting.ask(asker, title=title, network=network(place), **more)

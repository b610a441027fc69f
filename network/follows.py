"""Networks and people may be followed (core/follows.py), and a network's events are news to
those who follow it. What people write, and the lessons of a network, lessons adds
(lessons/follows.py)."""

from django.urls import reverse

from core.follows import ItemKind, Kind, News
from network.models import EventPage, NetworkIndexPage, NetworkPage, Profile


def _index_url(request):
    index = NetworkIndexPage.objects.live().first()
    return index.get_url(request) if index else None


def new_events(reader, networks, window):
    """(event, network) for each event the reader may read in the window, in these networks."""
    events = window.filter(EventPage.objects.readable_by(reader, shared=networks))
    for event in events:
        for network in networks:
            if event.path.startswith(network.path):
                yield event, network


NETWORKS = Kind(
    name="network",
    model=NetworkPage,
    followable=NetworkPage.objects.sharing_content_with,
    may_follow=lambda user, network: network.shares_content_with(user),
    order=20,
    plural="networks",
    none_followed="You do not follow any networks.",
    browse="Browse networks",
    browse_url=_index_url,
    reason=lambda network: network.title,
)
PEOPLE = Kind(
    name="person",
    model=Profile,
    # A profile visible to them, other than their own.
    followable=lambda user: Profile.objects.visible_to(user).exclude(user_id=user.pk),
    may_follow=lambda user, profile: profile.is_visible_to(user) and profile.user_id != user.pk,
    order=30,
    plural="people",
    none_followed="You do not follow anyone.",
    browse="Find people",
    browse_url=lambda request: reverse("network:directory"),
    reason=lambda profile: profile.display_name,
    url=Profile.get_absolute_url,
    hidden_name="this member",
    hidden_entry="A member who no longer shares their profile with you",
)
EVENTS = ItemKind(
    model=EventPage,
    noun="event",
    plural="events",
    template="network/email/followed_event.txt",
    order=20,
)
EVENTS_IN_NETWORKS = News(
    kind="network",
    model=EventPage,
    items=new_events,
    sources=lambda event: [event.get_parent().pk],
)

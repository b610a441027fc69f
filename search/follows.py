"""Lessons a network's facilitators ask for (search/unanswered.py) are news to those who follow
the network (core/follows.py): in their next digest, or at once for those who want that."""

from core.follows import ItemKind, News
from search.models import LessonRequest


def in_networks(reader, networks, window):
    """(request, network) for each lesson asked for in the window in these networks (those the
    reader may follow, so whose content they may see), unless it was withdrawn since."""
    by_pk = {network.pk: network for network in networks}
    requests = window.filter(LessonRequest.objects.standing().filter(network__in=list(by_pk)))
    for request in requests.select_related("network"):
        yield request, by_pk[request.network_id]


LESSON_REQUESTS = ItemKind(
    model=LessonRequest,
    noun="request for a lesson",
    plural="requests for lessons",
    template="search/email/lesson_request.txt",
    order=30,
    published="asked_at",
)
LESSON_REQUESTS_IN_NETWORKS = News(
    kind="network",
    model=LessonRequest,
    items=in_networks,
    sources=lambda request: [request.network_id],
)

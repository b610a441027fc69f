"""Searches that found nothing, as work for a network's facilitators: the queue of their
members' searches that found nothing (the insights rule: typed by at least MIN_PEOPLE members,
never who), and what a facilitator does with one of them: propose to site editors that it is
answered by other words or by a page (AnswerProposal, decided in the admin), or ask the
network for a lesson (LessonRequest, on the network page and in its followers' digests).

Who sees a network's queue: those who facilitate it (NetworkPage.objects.facilitated_by, which
gives site editors every network)."""

from django.db import transaction
from django.utils import timezone

from following.tasks import announce
from search import insights
from search.models import AnswerProposal, LessonRequest

QUEUE_LENGTH = 50
# An ask stays on the network page this long; digests carry it once, when it is new.
ASK_DAYS = 60


def queue(network):
    """[{query, n, request, proposals}]: each search the network's members typed that found
    nothing, how often, whether a lesson has been asked for, and what was proposed."""
    rows = insights.nothing_found(network, limit=QUEUE_LENGTH)
    queries = [row["query"] for row in rows]
    requests = {
        request.query: request
        for request in LessonRequest.objects.filter(network=network, query__in=queries)
    }
    proposals = {}
    for proposal in AnswerProposal.objects.filter(network=network, query__in=queries).order_by(
        "proposed_at", "pk"
    ):
        proposals.setdefault(proposal.query, []).append(proposal)
    return [
        {
            "query": row["query"],
            "n": row["n"],
            "request": requests.get(row["query"]),
            "proposals": proposals.get(row["query"], []),
        }
        for row in rows
    ]


def in_queue(network, query):
    return any(row["query"] == query for row in insights.nothing_found(network, QUEUE_LENGTH))


def ask(network, query, by):
    """Ask the network for a lesson answering `query` (once per query); its followers who want
    emails at once hear of it when the transaction commits, the others in their digest."""
    with transaction.atomic():
        request, created = LessonRequest.objects.get_or_create(
            network=network, query=query, defaults={"asked_by": by}
        )
        if created:
            announce(request)
    return request


def open_requests(network, now=None):
    """The asks shown on the network page: the last ASK_DAYS days', newest first."""
    since = (now or timezone.now()) - timezone.timedelta(days=ASK_DAYS)
    return LessonRequest.objects.filter(network=network, asked_at__gte=since)

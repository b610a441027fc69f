"""Searches that found nothing, as work for a network's facilitators: the queue of their
members' searches that found nothing (the insights rule: typed by at least MIN_PEOPLE members,
never who), and what a facilitator does with one of them: propose to site editors that it is
answered by other words or by a page (AnswerProposal, decided in the admin), or ask the
network for a lesson (LessonRequest, on the network page and in its followers' digests).

Who sees a network's queue, and may withdraw its asks: those who facilitate it
(NetworkPage.objects.facilitated_by, which gives site editors every network)."""

from django.db import transaction
from django.utils import timezone

from following.tasks import announce
from network.models import NetworkPage
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
    now = timezone.now()
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
            "ask_open": row["query"] in requests and is_open(requests[row["query"]], now),
            "proposals": proposals.get(row["query"], []),
        }
        for row in rows
    ]


def in_queue(network, query):
    return any(row["query"] == query for row in insights.nothing_found(network, QUEUE_LENGTH))


def ask(network, query, by):
    """Ask the network for a lesson answering `query` (once per query; a withdrawn or ended ask
    is asked again as new); its followers who want emails at once hear of it when the
    transaction commits, the others in their digest."""
    with transaction.atomic():
        request, created = LessonRequest.objects.select_for_update().get_or_create(
            network=network, query=query, defaults={"asked_by": by}
        )
        if not created and not is_open(request):
            request.asked_by, request.asked_at = by, timezone.now()
            request.withdrawn_at = request.withdrawn_by = None
            request.save()
            created = True
        if created:
            announce(request)
    return request


def ends_on(request):
    """When an ask leaves the network page by itself."""
    return request.asked_at + timezone.timedelta(days=ASK_DAYS)


def is_open(request, now=None):
    """Whether the ask is on the network page: not withdrawn, and asked within ASK_DAYS."""
    return request.withdrawn_at is None and ends_on(request) >= (now or timezone.now())


def open_requests(network, now=None):
    """The asks shown on the network page (those `is_open`), newest first."""
    since = (now or timezone.now()) - timezone.timedelta(days=ASK_DAYS)
    return LessonRequest.objects.standing().filter(network=network, asked_at__gte=since)


def withdrawable_by(user):
    """The asks this person may withdraw: those of the networks they facilitate (which is
    every network for a site editor; the facilitator who asked is one of these)."""
    return LessonRequest.objects.filter(network__in=NetworkPage.objects.facilitated_by(user))


def withdraw(request, by):
    """Take the ask off the network page and out of every later digest or email. False if it
    was already withdrawn."""
    withdrawn = (
        LessonRequest.objects.standing()
        .filter(pk=request.pk)
        .update(withdrawn_at=timezone.now(), withdrawn_by=by)
    )
    request.refresh_from_db(fields=["withdrawn_at", "withdrawn_by"])
    return bool(withdrawn)

"""What people search for, told without telling who searched.

Recording. A search enqueues one task (`count_search`), once the request's transaction has
committed; the task adds the search to the counts, one row at a time with an update (or an
insert, for the first search of a query on a day). The request only reads the searcher's
networks and enqueues: with the production worker (django-tasks-db) that is one row in the task
table, and if enqueueing fails the search still answers and only its count is lost. The task's
arguments are what the counts keep, and no more: the query, whether it found nothing, the day,
the searcher's hash (below) and their networks, never the person (the task table adds when it
was queued and run). `prune_db_task_results` (daily, see the README) deletes finished tasks after
14 days, before the counts' KEEP_DAYS.

Two tables, for two audiences:

- `SearchQuery`: every search on the site, anonymous ones included, counted per query per day.
  No person is in it. Site editors (accounts.roles) see it whole, with no threshold: they run the
  site, and the rare query that found nothing is the gap in the lessons they are there to fill.

- `MemberSearch`: searches by signed-in members, one row per network the searcher belonged to
  when searching, per query, day and searcher. A facilitator sees only their own network's rows,
  and only queries typed by at least MIN_PEOPLE different members, so no query can be pinned on
  one person. The searcher is a keyed hash of (query, person) (an HMAC with the site's
  SECRET_KEY), never the person: it tells different searchers of one query apart, and the same
  person's different queries get unrelated hashes, so the table cannot be read as anyone's search
  history. The hash is not anonymous to someone holding both the database and the SECRET_KEY
  (they could hash every member's id), so rows are deleted once they are KEEP_DAYS days old,
  which is all the insights look at. Changing SECRET_KEY counts a person twice for queries they
  repeat across the change, until the older rows age out.
"""

import datetime
from functools import partial

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.tasks import task
from django.utils import timezone
from django.utils.crypto import salted_hmac

from network.models import Membership, NetworkPage
from search.models import MemberSearch, SearchQuery

KEEP_DAYS = 30
MIN_PEOPLE = 3


def record(query, result_count, user):
    """Count one search by this person, once the request's transaction commits. Cheap for the
    request: it reads the person's networks and enqueues the task that writes."""
    text = query.strip().lower()[:200]
    searcher, networks = None, []
    if user.is_authenticated:
        searcher = salted_hmac(
            "search.insights.searcher", f"{text}\n{user.pk}", algorithm="sha256"
        ).hexdigest()
        networks = list(Membership.objects.filter(user=user).values_list("network_id", flat=True))
    day = timezone.localdate().isoformat()
    transaction.on_commit(
        partial(count_search.enqueue, text, result_count == 0, day, searcher, networks),
        robust=True,  # a count that cannot be queued is lost; the search still answers
    )


def record_visitor_search(query, result_count):
    """Count a search by someone not signed in whose page came from the cache of whole pages."""
    record(query, result_count, AnonymousUser())


@task()
def count_search(query, no_results, day, searcher, networks):
    """Add one search to the site-wide count and to each of the searcher's networks' counts,
    and forget member searches older than KEEP_DAYS."""
    day = datetime.date.fromisoformat(day)
    with transaction.atomic():
        _add_one(SearchQuery, {"query": query, "day": day}, no_results)
        # A network deleted since the search took its members' searches with it; the
        # site-wide count stands.
        for network in NetworkPage.objects.filter(pk__in=networks).values_list("pk", flat=True):
            key = {"network_id": network, "query": query, "day": day, "searcher": searcher}
            _add_one(MemberSearch, key, no_results)
        MemberSearch.objects.filter(day__lt=_first_day(KEEP_DAYS)).delete()


def _add_one(model, key, no_results):
    """Add one search to the row with these fields: one update, or one insert when it is the
    first (another worker's insert in between turns it into the update)."""
    one_more = {
        "searches": F("searches") + 1,
        "without_results": F("without_results") + (1 if no_results else 0),
    }
    if model.objects.filter(**key).update(**one_more):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, searches=1, without_results=1 if no_results else 0)
    except IntegrityError:
        model.objects.filter(**key).update(**one_more)


def _first_day(days):
    return timezone.localdate() - timezone.timedelta(days=days - 1)


def _summary(rows, days, limit):
    by_query = rows.filter(day__gte=_first_day(days)).values("query")
    top = by_query.annotate(n=Sum("searches")).order_by("-n", "query")[:limit]
    empty = (by_query.annotate(n=Sum("without_results")).filter(n__gt=0).order_by("-n", "query"))[
        :limit
    ]
    return {"days": days, "top": list(top), "without_results": list(empty)}


def summary(days=KEEP_DAYS, limit=20):
    """Site-wide, for editors: the most frequent queries, and the queries that found nothing,
    over the last `days`."""
    return _summary(SearchQuery.objects.all(), days, limit)


def network_summary(network, days=KEEP_DAYS, limit=20):
    """For the network's facilitators: the same, from searches by the network's members, and
    only queries that at least MIN_PEOPLE different members typed."""
    rows = MemberSearch.objects.filter(network=network)
    shared = (
        rows.filter(day__gte=_first_day(days))
        .values("query")
        .annotate(people=Count("searcher", distinct=True))
        .filter(people__gte=MIN_PEOPLE)
        .values("query")
    )
    return _summary(rows.filter(query__in=shared), days, limit)


def nothing_found(network, limit=20):
    """The network's members' searches that found nothing, by the rule of network_summary
    (only queries at least MIN_PEOPLE members typed): what its facilitators' queue and the
    network page's card show."""
    return network_summary(network, limit=limit)["without_results"]

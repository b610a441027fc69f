"""What people search for, told without telling who searched.

Recording. A search only puts its query on an in-memory queue: the search request writes
nothing to the database. A background thread writes the queue in batches, at most every few
seconds, as one transaction per batch; `flush()` writes it at once (tests, shutdown).

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

import atexit
import contextlib
import queue
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from network.models import Membership, NetworkPage
from search.models import MemberSearch, SearchQuery

FLUSH_SECONDS = 5
KEEP_DAYS = 30
MIN_PEOPLE = 3
_pending = queue.SimpleQueue()
_writer = None
_writer_lock = threading.Lock()


def record(query, result_count, user):
    """Note one search by this person. Cheap: it reads the person's networks, writes nothing."""
    text = query.strip().lower()[:200]
    searcher, networks = None, ()
    if user.is_authenticated:
        searcher = salted_hmac(
            "search.insights.searcher", f"{text}\n{user.pk}", algorithm="sha256"
        ).hexdigest()
        networks = tuple(Membership.objects.filter(user=user).values_list("network_id", flat=True))
    _pending.put((text, result_count == 0, timezone.localdate(), searcher, networks))
    if getattr(settings, "SEARCH_INSIGHTS_IN_BACKGROUND", True):
        _ensure_writer()


def flush():
    """Write every pending search to the database now, and forget member searches that are
    older than KEEP_DAYS."""
    batch = Counter()
    while True:
        try:
            batch[_pending.get_nowait()] += 1
        except queue.Empty:
            break
    if not batch:
        return 0
    site, members = Counter(), Counter()
    # A network deleted since the search took its members' searches with it; the site-wide
    # count stands.
    still_there = set(
        NetworkPage.objects.filter(
            pk__in={network for key in batch for network in key[4]}
        ).values_list("pk", flat=True)
    )
    for (text, no_results, day, searcher, networks), n in batch.items():
        site[(("query", text), ("day", day)), no_results] += n
        for network in still_there.intersection(networks):
            key = (("network_id", network), ("query", text), ("day", day), ("searcher", searcher))
            members[key, no_results] += n
    with transaction.atomic():
        _add(SearchQuery, site)
        _add(MemberSearch, members)
        MemberSearch.objects.filter(day__lt=_first_day(KEEP_DAYS)).delete()
    return sum(batch.values())


def _add(model, counts):
    """Add counts, keyed by (the row's fields, whether the search found nothing), to the rows."""
    for (fields, no_results), n in counts.items():
        row, _ = model.objects.get_or_create(**dict(fields))
        model.objects.filter(pk=row.pk).update(
            searches=F("searches") + n,
            without_results=F("without_results") + (n if no_results else 0),
        )


def _ensure_writer():
    global _writer
    if _writer is not None and _writer.is_alive():
        return
    with _writer_lock:
        if _writer is None or not _writer.is_alive():
            _writer = threading.Thread(target=_write_forever, name="search-insights", daemon=True)
            _writer.start()
            atexit.register(_flush_at_exit)


def _write_forever():
    while True:
        time.sleep(FLUSH_SECONDS)
        # A locked or closed database: that batch of counts is lost; searching is unaffected.
        with contextlib.suppress(Exception):
            flush()
        close_old_connections()


def _flush_at_exit():
    # The database may already be closed: then a few counts are lost, rather than a crash.
    with contextlib.suppress(Exception):
        flush()


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

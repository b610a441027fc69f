"""What people search for: recorded without a database write in the search request itself.

A search only puts its query on an in-memory queue. A background thread writes the queue to
the database in batches, at most every few seconds, as one transaction per batch; `flush()`
writes it at once (tests, shutdown). Counts are kept per query per day, so the table stays small.
"""

import atexit
import contextlib
import queue
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import F, Sum
from django.utils import timezone

FLUSH_SECONDS = 5
_pending = queue.SimpleQueue()
_writer = None
_writer_lock = threading.Lock()


def record(query, result_count):
    """Note one search. Cheap: no database access happens here."""
    _pending.put((query.strip().lower()[:200], result_count == 0, timezone.localdate()))
    if getattr(settings, "SEARCH_INSIGHTS_IN_BACKGROUND", True):
        _ensure_writer()


def flush():
    """Write every pending search to the database now."""
    from search.models import SearchQuery

    batch = Counter()
    while True:
        try:
            batch[_pending.get_nowait()] += 1
        except queue.Empty:
            break
    if not batch:
        return 0
    searches, empty = Counter(), Counter()
    for (text, no_results, day), n in batch.items():
        searches[(text, day)] += n
        if no_results:
            empty[(text, day)] += n
    with transaction.atomic():
        for (text, day), n in searches.items():
            row, _ = SearchQuery.objects.get_or_create(query=text, day=day)
            SearchQuery.objects.filter(pk=row.pk).update(
                searches=F("searches") + n,
                without_results=F("without_results") + empty[(text, day)],
            )
    return sum(batch.values())


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


def summary(days=30, limit=20):
    """The most frequent queries, and the queries that found nothing, over the last `days`."""
    from search.models import SearchQuery

    since = timezone.localdate() - timezone.timedelta(days=days - 1)
    recent = SearchQuery.objects.filter(day__gte=since).values("query")
    top = recent.annotate(n=Sum("searches")).order_by("-n", "query")[:limit]
    empty = (
        recent.annotate(n=Sum("without_results")).filter(n__gt=0).order_by("-n", "query")[:limit]
    )
    return {"days": days, "top": list(top), "without_results": list(empty)}

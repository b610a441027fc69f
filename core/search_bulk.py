"""Indexing many saved objects at once, for imports: one bulk write per batch to each search
backend after the work, instead of a task per save (modelsearch's post_save handler), which is
three per imported lesson (it is saved when added, when its revision is saved and when that is
published).
"""

import logging
from contextlib import contextmanager

from django.db.models.signals import post_save

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backends_with_name

from core.statement_log import forget_logged_statements

logger = logging.getLogger(__name__)

BATCH = 500  # objects read and sent to a backend at a time: memory stays bounded


@contextmanager
def indexed_afterwards(model):
    """Within, saves of `model` are not indexed one by one; the caller adds the primary keys
    of what it saved to the set it is given, and they are indexed in bulk at the end (inside
    the caller's transaction, so the database backend's index commits with them).

    The handler is disconnected for the whole process while this runs: a save by another
    thread meanwhile is not indexed by it, so this is for commands (imports), which index
    everything they saved themselves; two imports at once each index their own."""
    saved = set()
    auto = getattr(model, "search_auto_update", True)
    if auto:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield saved
        index_in_bulk(model, saved)
    finally:
        if auto:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(model, pks):
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH):
        # get_indexed_objects: with the related fields the index reads, prefetched per batch.
        batch = model.get_indexed_objects().filter(pk__in=pks[start : start + BATCH])
        objects = list(batch)
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, objects)
            except Exception:
                if not backend.catch_indexing_errors:
                    raise
                logger.exception("Indexing %d objects in bulk in %r failed", len(objects), name)
                from core.search_catch_up import note  # noqa: PLC0415 (needs the apps ready)

                for instance in objects:
                    note(instance)
        forget_logged_statements()

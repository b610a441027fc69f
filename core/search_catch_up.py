"""Elasticsearch catching up after an outage.

Publishing, editing and importing never fail because Elasticsearch is down (Wagtail logs the
failed index update and carries on), but the index then misses those changes. Our backend
(`core.search_backend.ElasticsearchBackend`) notes each object whose update failed in
`SearchIndexBacklog`; `catch_up` (a task the scheduler enqueues every few minutes through
`manage.py catch_up_search_index`) adds each one to the search backends again, or removes it
if it no longer exists, oldest first, and stops at the first failure (the server is still down)
to try again next time.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.tasks import task

from modelsearch.index import get_indexed_instance
from wagtail.search.backends import get_search_backends_with_name

from core.models import SearchIndexBacklog

logger = logging.getLogger(__name__)


def note(instance):
    """`instance` is missing from the index, or should have left it."""
    SearchIndexBacklog.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    )


def catch_up_now():
    """Bring the backlog into the index. Returns how many objects were caught up and how many
    are left."""
    backends = [backend for _, backend in get_search_backends_with_name(with_auto_update=True)]
    entries = SearchIndexBacklog.objects.select_related("content_type").order_by("noted_at")
    caught_up = 0
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:  # the model is gone with its app
            entry.delete()
            continue
        found = model._default_manager.filter(pk=entry.object_id).first()
        indexed = get_indexed_instance(found) if found is not None else None
        try:
            for backend in backends:
                if indexed is not None:
                    backend.add(indexed)
                else:
                    backend.delete(model(pk=entry.object_id))
        except Exception as error:  # still unreachable: keep the backlog for the next run
            left = SearchIndexBacklog.objects.count()
            logger.warning(
                "The search index is still behind (%d objects): %s: %s",
                left,
                type(error).__name__,
                error,
            )
            return caught_up, left
        entry.delete()
        caught_up += 1
    if caught_up:
        logger.info("The search index caught up with %d objects.", caught_up)
    return caught_up, 0


@task()
def catch_up():
    return catch_up_now()

"""Emails about what members follow, sent in the background (see network/tasks.py).

Tasks take primary keys: they may run in another process (the production worker)."""

from contextlib import contextmanager
from contextvars import ContextVar
from itertools import batched

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from accounts.models import User
from following import digests


@task()
def send_digest(member_id, frequency):
    """One member's daily or weekly digest (enqueued by `manage.py send_digests`)."""
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return 0
    return digests.send_digest(member, frequency, timezone.now())


@task()
def tell_immediate_followers(content_type_id, object_id):
    """One email per member who wants to hear at once about this newly published item."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type and content_type.model_class()
    item = model and model._default_manager.filter(pk=object_id).first()
    if item is None:
        return 0
    return sum(digests.send_new_item(member, item) for member in digests.immediate_followers(item))


@task()
def tell_immediate_followers_of_many(content_type_id, object_ids):
    """What tell_immediate_followers does for each of these newly published items, in their
    order, the same emails to the same members (an import's batch: one task, not one per item).
    Who follows what is read once: the sources of an item are asked only in kinds that someone
    who wants emails at once follows."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type and content_type.model_class()
    if model is None:
        return 0
    followed_kinds = digests.kinds_followed_immediately()
    if not followed_kinds:
        return 0
    items = model._default_manager.in_bulk(object_ids)
    return sum(
        digests.send_new_item(member, item)
        for item in (items[pk] for pk in object_ids if pk in items)
        for member in digests.immediate_followers(item, followed_kinds)
    )


# Items noted by announce() within announced_together(): content type id -> object ids.
_together = ContextVar("following_announced_together", default=None)
TOGETHER_BATCH = 500


def announce(item):
    """Tell those who want to hear at once about this newly published item (of a registered
    item kind), once the transaction commits. Pages are announced when first published
    (following/signals.py); an app whose items are not pages calls this when one is new.
    Within announced_together(), the item is only noted, and announced with the others."""
    content_type_id, object_id = ContentType.objects.get_for_model(item).pk, item.pk
    noted = _together.get()
    if noted is not None:
        noted.setdefault(content_type_id, []).append(object_id)
        return
    transaction.on_commit(lambda: tell_immediate_followers.enqueue(content_type_id, object_id))


@contextmanager
def announced_together():
    """Within, announce() only notes its items; at the end (unless an error ends it) they are
    announced a batch at a time, one task per batch once the transaction commits, in the order
    they were announced: an import publishing thousands of lessons enqueues a few tasks, not
    one per lesson. Each follower gets the same emails as from one task per item."""
    if _together.get() is not None:
        yield
        return
    noted = {}
    token = _together.set(noted)
    try:
        yield
    finally:
        _together.reset(token)
    for content_type_id, object_ids in noted.items():
        for batch in batched(object_ids, TOGETHER_BATCH):
            transaction.on_commit(
                lambda ids=list(batch), type_id=content_type_id: (
                    tell_immediate_followers_of_many.enqueue(type_id, ids)
                )
            )

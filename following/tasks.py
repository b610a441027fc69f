"""Emails about what members follow, sent in the background (see network/tasks.py).

Tasks take primary keys: they may run in another process (the production worker)."""

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


def announce(item):
    """Tell those who want to hear at once about this newly published item (of a registered
    item kind), once the transaction commits. Pages are announced when first published
    (following/signals.py); an app whose items are not pages calls this when one is new."""
    content_type_id, object_id = ContentType.objects.get_for_model(item).pk, item.pk
    transaction.on_commit(lambda: tell_immediate_followers.enqueue(content_type_id, object_id))

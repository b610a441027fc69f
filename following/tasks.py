"""Emails about what members follow, sent in the background (see network/tasks.py).

Tasks take primary keys: they may run in another process (the production worker)."""

from django.tasks import task
from django.utils import timezone

from wagtail.models import Page

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
def tell_immediate_followers(page_id):
    """One email per member who wants to hear at once about this newly published page."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    return sum(digests.send_new_item(member, page) for member in digests.immediate_followers(page))

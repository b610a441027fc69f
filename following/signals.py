from django.dispatch import receiver

from wagtail.signals import page_published

from core import follows
from following.models import Follow, SentItem, pointing_at
from following.tasks import announce


@receiver(page_published)
def tell_followers_of_new_pages(sender, instance, **kwargs):
    """A page of a registered item kind (a lesson, an event) published for the first time is
    news to those who follow it at once. Publishing it again (an edit) is not."""
    if follows.item_kind(type(instance)) is None:
        return
    if instance.first_published_at != instance.last_published_at:
        return
    announce(instance)


@receiver(follows.deleted)
def forget_what_is_deleted(sender, instance, **kwargs):
    """A followed thing that is deleted is followed no more; a deleted item is forgotten."""
    Follow.objects.filter(pointing_at(sender, instance.pk)).delete()
    SentItem.objects.filter(pointing_at(sender, instance.pk)).delete()

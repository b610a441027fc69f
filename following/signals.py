from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from following.tasks import tell_immediate_followers
from lessons.models import LessonPage
from network.models import EventPage


@receiver(page_published)
def tell_followers_of_new_pages(sender, instance, **kwargs):
    """A lesson or event published for the first time is news to those who follow it at once.
    Publishing it again (an edit) is not."""
    if not isinstance(instance, (LessonPage, EventPage)):
        return
    if instance.first_published_at != instance.last_published_at:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: tell_immediate_followers.enqueue(page_id))

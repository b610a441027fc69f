from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from campaigns.models import CampaignNewsPage
from campaigns.tasks import email_news


@receiver(page_published, sender=CampaignNewsPage)
def email_news_to_signers(sender, instance, **kwargs):
    """A campaign's news, published for the first time, goes to the signers who asked for
    the campaign's updates (followers hear of it through core/follows.py). An edit does not."""
    if instance.first_published_at != instance.last_published_at:
        return
    transaction.on_commit(lambda: email_news.enqueue(instance.pk))

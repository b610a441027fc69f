"""Keeping the OAI-PMH records (api.models.HarvestRecord) in step with the lessons: each
publish, unpublish and deletion of a lesson, and each publish or unpublish of a network (whose
visibility may have changed), asks api.harvest.refresh for the lessons it touches."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished

from api.harvest import refresh
from api.models import HarvestRecord
from lessons.models import LessonPage
from network.models import NetworkPage


@receiver(page_published, sender=LessonPage, dispatch_uid="api_lesson_published")
def lesson_published(sender, instance, **kwargs):
    refresh([instance.pk], changed=True)


@receiver(page_unpublished, sender=LessonPage, dispatch_uid="api_lesson_unpublished")
def lesson_unpublished(sender, instance, **kwargs):
    refresh([instance.pk])


@receiver(post_delete, sender=LessonPage, dispatch_uid="api_lesson_deleted")
def lesson_deleted(sender, instance, **kwargs):
    HarvestRecord.objects.filter(lesson_id=instance.pk, deleted=False).update(
        deleted=True, changed_at=timezone.now()
    )


@receiver(page_published, sender=NetworkPage, dispatch_uid="api_network_published")
@receiver(page_unpublished, sender=NetworkPage, dispatch_uid="api_network_unpublished")
def network_changed(sender, instance, **kwargs):
    refresh(list(LessonPage.objects.filter(network=instance).values_list("pk", flat=True)))

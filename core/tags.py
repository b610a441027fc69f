"""Tags (themes, specialisms, training, topics) whose address fits taggit's column.

taggit makes a tag's slug from its name and, when that slug is taken, adds "_1", "_2", …; but
the slug column holds 100 characters, and a 100-character name can make a longer slug (a "_1"
added, or a character such as "㎞" that becomes two). SQLite stores it anyway; PostgreSQL
refuses the row and the save fails. Before a tag is written, a slug that is too long is cut
to fit and, if that is taken, numbered until it is free.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from taggit.models import Tag

SLUG_MAX_LENGTH = Tag._meta.get_field("slug").max_length


@receiver(pre_save, sender=Tag, dispatch_uid="core.tags.fit_slug")
def fit_slug(sender, instance, **kwargs):
    if len(instance.slug) <= SLUG_MAX_LENGTH:
        return
    base = instance.slug[:SLUG_MAX_LENGTH]
    slug, number = base, 0
    others = Tag.objects.exclude(pk=instance.pk)
    while others.filter(slug=slug).exists():
        number += 1
        suffix = f"_{number}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
    instance.slug = slug

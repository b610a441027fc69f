from django.db.models.signals import post_save
from django.dispatch import receiver

from network.models import FacilitatorGroup
from themes.models import ThemeIndexPage
from themes.permissions import let_facilitators_edit_themes


@receiver(post_save, sender=FacilitatorGroup)
def let_a_new_group_edit_themes(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        let_facilitators_edit_themes([instance.group])


@receiver(post_save, sender=ThemeIndexPage)
def let_every_group_edit_new_themes_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        let_facilitators_edit_themes()

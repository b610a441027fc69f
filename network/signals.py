from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from network.models import Membership, NetworkPage
from network.permissions import remove_facilitator_group, sync_facilitator_access


@receiver([post_save, post_delete], sender=Membership)
def keep_facilitator_access_in_step(sender, instance, raw=False, **kwargs):
    if raw:
        return
    try:
        network = instance.network
    except Membership.network.RelatedObjectDoesNotExist:
        return  # the network itself is being deleted, and its group with it
    sync_facilitator_access(network, instance.user)


@receiver(pre_delete, sender=NetworkPage)
def delete_facilitator_group(sender, instance, **kwargs):
    remove_facilitator_group(instance)

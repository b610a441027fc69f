from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from network.models import Membership
from network.permissions import sync_facilitator_access


@receiver([post_save, post_delete], sender=Membership)
def keep_facilitator_access_in_step(sender, instance, raw=False, **kwargs):
    if raw:
        return
    try:
        network = instance.network
    except Membership.network.RelatedObjectDoesNotExist:
        return  # the network itself is being deleted, and its group with it
    sync_facilitator_access(network, instance.user)


@receiver(post_delete, sender="network.NetworkPage")
def remove_facilitator_group(sender, instance, **kwargs):
    from django.contrib.auth.models import Group

    Group.objects.filter(name=f"Facilitators of {instance.slug}").delete()

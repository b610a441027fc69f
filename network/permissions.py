"""Facilitators edit their own network's pages in the Wagtail admin, and nothing else.

Each network has a Wagtail group, tied to it by key (FacilitatorGroup), whose page permissions
cover only that network's subtree: the network page, its events, resources and research
summaries. A person is in the group exactly while their membership of that network has the
facilitator role.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission

from network.models import FacilitatorGroup

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


@transaction.atomic
def facilitator_group(network):
    link = FacilitatorGroup.objects.filter(network=network).select_related("group").first()
    if link is not None:
        return link.group
    group = Group.objects.create(name=f"Facilitators of network {network.pk}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group,
            page=network,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    FacilitatorGroup.objects.create(network=network, group=group)
    return group


def sync_facilitator_access(network, user):
    if network.facilitator_memberships().filter(user=user).exists():
        user.groups.add(facilitator_group(network))
    else:
        # Never create a group only to take someone out of it (a deleted network has none).
        linked = FacilitatorGroup.objects.filter(network=network).values("group")
        user.groups.remove(*Group.objects.filter(pk__in=linked))


def remove_facilitator_group(network):
    """Delete the network's group (called before the network itself is deleted)."""
    Group.objects.filter(
        pk__in=FacilitatorGroup.objects.filter(network=network).values("group")
    ).delete()

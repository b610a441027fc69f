"""Facilitators edit their own network's pages in the Wagtail admin, and nothing else.

Each network has a Wagtail group whose page permissions cover only that network's subtree
(the network page, its events, resources and research summaries). A person is in the group
exactly while their membership of that network has the facilitator role.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def facilitator_group(network):
    group, created = Group.objects.get_or_create(name=f"Facilitators of {network.slug}")
    if created:
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
    return group


def sync_facilitator_access(network, user):
    from network.models import Membership

    group = facilitator_group(network)
    facilitates = Membership.objects.filter(
        network=network, user=user, role=Membership.Role.FACILITATOR
    ).exists()
    if facilitates:
        user.groups.add(group)
    else:
        user.groups.remove(group)

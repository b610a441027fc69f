"""Facilitators create and edit themes in the admin: every facilitator group (one per network,
network.permissions) may add, change and publish pages under the themes index."""

from django.contrib.auth.models import Permission

from wagtail.models import GroupPagePermission

from network.models import FacilitatorGroup
from network.permissions import PAGE_PERMISSIONS
from themes.models import ThemeIndexPage


def let_facilitators_edit_themes(groups=None):
    """Give these facilitator groups (all of them by default) the theme permissions they lack.
    Safe to repeat."""
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    if groups is None:
        groups = [link.group for link in FacilitatorGroup.objects.select_related("group")]
    for index in ThemeIndexPage.objects.all():
        for group in groups:
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=index, permission=permission
                )

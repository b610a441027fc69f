from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"

    def ready(self):
        # Imported here: these need the app registry ready.
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from accounts.roles import is_site_editor  # noqa: PLC0415
        from core import follows  # noqa: PLC0415
        from core.permissions import OnlyWhoPolicy  # noqa: PLC0415
        from network import (
            cache_dependencies,  # noqa: PLC0415
            signals,  # noqa: F401, PLC0415
        )
        from network.follows import EVENTS, EVENTS_IN_NETWORKS, NETWORKS, PEOPLE  # noqa: PLC0415
        from network.models import RegionalLead  # noqa: PLC0415

        follows.register(NETWORKS, PEOPLE, EVENTS, EVENTS_IN_NETWORKS)
        # Only site editors give the regional lead role (RegionalLeadViewSet's views and menu
        # item ask this policy).
        register_permission_policy(RegionalLead, OnlyWhoPolicy(RegionalLead, is_site_editor))
        # What its pages show besides pages, for the cache of whole pages.
        cache_dependencies.register()

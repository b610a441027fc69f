from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"

    def ready(self):
        from core import follows
        from network import signals  # noqa: F401
        from network.follows import EVENTS, EVENTS_IN_NETWORKS, NETWORKS, PEOPLE

        follows.register(NETWORKS, PEOPLE, EVENTS, EVENTS_IN_NETWORKS)

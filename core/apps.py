from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared vocabulary"

    def ready(self):
        from core import ratelimits, tags  # noqa: F401 - the limits' check, the tag slug receiver

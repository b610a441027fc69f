from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared vocabulary"

    def ready(self):
        from core import tags  # noqa: F401 - connects the tag slug receiver

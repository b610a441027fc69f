from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared vocabulary"

    def ready(self):
        # The limits' check, the tag slug receiver, the private folder's check.
        from core import private_files, ratelimits, tags  # noqa: F401

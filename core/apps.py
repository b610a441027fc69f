from django.apps import AppConfig

# Registers the `id` path converter. Routable pages build their routes when their models are
# imported, after every app's config and before any ready(): so here, at import.
import core.numbers  # noqa: F401


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared vocabulary"

    def ready(self):
        from core import ratelimits, tags  # noqa: F401 - the limits' check, the tag slug receiver

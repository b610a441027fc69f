from django.apps import AppConfig


class MaturityConfig(AppConfig):
    name = "maturity"

    def ready(self):
        # Frameworks named on cached pages purge them when they change.
        from maturity import cache_dependencies  # noqa: PLC0415

        cache_dependencies.register()

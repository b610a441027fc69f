from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"

    def ready(self):
        from themes import signals  # noqa: F401

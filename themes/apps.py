from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"

    def ready(self):
        from core import follows
        from themes import signals  # noqa: F401
        from themes.follows import LESSONS_IN_THEMES, THEMES

        follows.register(THEMES, LESSONS_IN_THEMES)

from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"

    def ready(self):
        from lessons import signals  # noqa: PLC0415 (signals need the app registry ready)

        signals.connect()

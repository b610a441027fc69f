from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Described API and OAI-PMH"

    def ready(self):
        from api import signals  # noqa: F401 - connects the OAI-PMH records' receivers

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Described API and OAI-PMH"

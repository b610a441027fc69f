"""Which code is the project's own: the apps that live in this checkout, and `config`.

Derived from the app registry, so a new app is covered by every test that walks "our" URLs or
modules without anyone adding it to a list."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_apps():
    base = Path(settings.BASE_DIR).resolve()
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts  # a virtualenv inside the checkout
    }
    return (*sorted(ours), "config")

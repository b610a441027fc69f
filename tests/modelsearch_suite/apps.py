"""The project's `core` app as the suite needs it: its models (the thesaurus) and the receivers
that make a thesaurus edit count at once, without the site's other apps (CoreConfig.ready
reaches accounts, Wagtail's permissions and the rate limits)."""

from django.apps import AppConfig


class ThesaurusOnly(AppConfig):
    name = "core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import thesaurus  # noqa: F401, PLC0415

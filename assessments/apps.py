from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "Organisational self-assessments"

    def ready(self):
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from accounts.roles import is_site_editor  # noqa: PLC0415
        from assessments.models import Metric, Round  # noqa: PLC0415
        from core.permissions import OnlyWhoPolicy  # noqa: PLC0415

        # Only site editors open rounds and define metrics (their admin views ask this).
        for model in (Round, Metric):
            register_permission_policy(model, OnlyWhoPolicy(model, is_site_editor))

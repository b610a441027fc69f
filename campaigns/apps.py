from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "Campaigns and impact"

    def ready(self):
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from accounts.roles import is_site_editor  # noqa: PLC0415
        from campaigns import (
            cache_dependencies,  # noqa: PLC0415
            signals,  # noqa: F401, PLC0415 (connects its receivers)
        )
        from campaigns.follows import CAMPAIGN_NEWS, CAMPAIGNS, NEWS_IN_CAMPAIGNS  # noqa: PLC0415
        from campaigns.models import (  # noqa: PLC0415
            CaseStudyNomination,
            KeyMessage,
            MonthlyPick,
            Signature,
        )
        from core import follows  # noqa: PLC0415
        from core.permissions import OnlyWhoPolicy  # noqa: PLC0415

        for model in (KeyMessage, MonthlyPick, CaseStudyNomination, Signature):
            register_permission_policy(model, OnlyWhoPolicy(model, is_site_editor))
        follows.register(CAMPAIGNS, CAMPAIGN_NEWS, NEWS_IN_CAMPAIGNS)
        # What its pages show besides pages, for the cache of whole pages.
        cache_dependencies.register()

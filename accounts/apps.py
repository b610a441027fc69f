from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        # Imported here: these need the app registry ready.
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from accounts.models import UndeliveredEmail  # noqa: PLC0415
        from accounts.wagtail_hooks import SiteEditorsMayLook  # noqa: PLC0415

        register_permission_policy(UndeliveredEmail, SiteEditorsMayLook(UndeliveredEmail))

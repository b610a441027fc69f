from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Emails speak as the site by its name (allauth's own greeting used the host and port)."""
        super().send_mail(
            template_prefix, email, {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        )

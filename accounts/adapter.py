from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    # allauth's messages a member may meet, in the site's words (NHS.UK: say what happened
    # and what to do, without "and/or" or "Please").
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The email address or password is not right. Check them and try again"
        ),
        "enter_current_password": "Enter your current password",
        "incorrect_password": "The current password is not right",
        "invalid_or_expired_key": "This link has expired or is not right",
        "unknown_email": "There is no account with this email address",
    }

    def send_mail(self, template_prefix, email, context):
        """Emails speak as the site by its name (allauth's own greeting used the host and port)."""
        super().send_mail(
            template_prefix, email, {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        )

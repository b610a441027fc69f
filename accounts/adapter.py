from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter

from accounts import mail


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
        """Emails speak as the site by its name (allauth's own greeting used the host and
        port), and leave the request like every other (accounts/mail.py): a mail server that
        is down never fails a sign-up or a password reset. They carry sign-in and password
        links, so a send that fails for good is kept without its body."""
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_name": settings.WAGTAIL_SITE_NAME,
            **context,
        }
        mail.send(self.render_mail(template_prefix, email, context), secret=True)


class MFAAdapter(DefaultMFAAdapter):
    """allauth's two-factor sign-in, with a QR code that sits in the page as it is (the
    Content-Security-Policy allows inline SVG, which has no style attributes) and has a name."""

    def build_totp_svg(self, url):
        svg = super().build_totp_svg(url)
        svg = svg[svg.index("<svg") :]  # no XML declaration inside HTML
        return svg.replace(
            "<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1
        )

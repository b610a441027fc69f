"""Two-factor sign-in: authenticators, and the codes an authenticator app would show, computed
by allauth's own TOTP from the secret it stored."""

import time

from django.test import override_settings

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt

from tests.builders.accounts import PASSWORD

REQUIRED = override_settings(TWO_FACTOR_REQUIRED=True)
ACTIVATE = "/accounts/2fa/totp/activate/"


def code_for(secret):
    """The code an authenticator app shows now, waiting for the next period when this one is
    about to end (allauth accepts only the current period's code)."""
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 2:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def stored_code(user):
    """The current code for the authenticator app this person set up."""
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return code_for(decrypt(totp.data["secret"]))


def with_authenticator(user):
    """Set up an authenticator app and recovery codes for this person; returns the codes."""
    TOTP.activate(user, generate_totp_secret())
    return RecoveryCodes.activate(user).get_unused_codes()


def sign_in(client, email, password=PASSWORD, next_url=None):
    """Sign in through allauth's form (so allauth records when, as a real sign-in does)."""
    address = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(address, {"login": email, "password": password})


def everyone(user):
    """A role every signed-in person holds (a stand-in for a later app's predicate)."""
    return user.is_authenticated


def confirm_password(client, password=PASSWORD):
    """allauth asks for the password again before two-factor settings change."""
    return client.post("/accounts/reauthenticate/", {"password": password})

"""Who must sign in with two factors: the one home of that rule.

allauth's MFA (TOTP from an authenticator app, and recovery codes) is open to every member; it
is required of the people who can see and export other people's data. Which roles those are is
a setting, TWO_FACTOR_ROLES: dotted paths of predicates `(user) -> bool`, read like
AUTHENTICATION_BACKENDS, so the apps that own the roles (all above this one) add their own
without `accounts` importing them. TWO_FACTOR_REQUIRED turns the requirement off (development,
most tests); the choice to use two factors stays.

    needs_two_factor(user)      # required of this person (and the requirement is on)
    has_two_factor(user)        # this person has an authenticator
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled


@cache
def _role_predicates(paths):
    return tuple(import_string(path) for path in paths)


def holds_a_role_needing_two_factor(user):
    """Whether this person holds any role in TWO_FACTOR_ROLES (asked whatever the switch)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return any(holds(user) for holds in _role_predicates(tuple(settings.TWO_FACTOR_ROLES)))


def needs_two_factor(user):
    """Whether this person must have two-factor sign-in before anything else."""
    return bool(settings.TWO_FACTOR_REQUIRED) and holds_a_role_needing_two_factor(user)


def has_two_factor(user):
    """Whether this person has an authenticator app (recovery codes alone do not count)."""
    return user.is_authenticated and is_mfa_enabled(user, [Authenticator.Type.TOTP])

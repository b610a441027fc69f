"""Two-factor sign-in required of the roles that need it (accounts/two_factor.py)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.two_factor import has_two_factor, needs_two_factor

# Where the page a person asked for waits while they set up two-factor sign-in.
WANTED = "two_factor_wanted"
# allauth's own pages (sign in and out, password, email, two-factor) and the health checks.
OPEN_URL_NAMES = ("account_", "mfa_", "health_")


def wanted_page(request):
    """The page this person asked for before being sent to set up two-factor sign-in, if any."""
    wanted = request.session.get(WANTED)
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts=None):
        return wanted
    return None


class TwoFactorRequiredMiddleware:
    """Send a signed-in person who needs two-factor sign-in and has no authenticator app to
    set one up, from every page (the admin's too) but allauth's, the health checks and
    static and media files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Whom it applies to first: for a visitor that asks nothing, where resolving the
        # address to see whether it is open would cost every request.
        if not needs_two_factor(request.user) or _open(request.path_info):
            return self.get_response(request)
        if has_two_factor(request.user):
            if request.session.get(WANTED) == request.get_full_path():
                del request.session[WANTED]  # reached: recovery codes stop offering it
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            request.session[WANTED] = request.get_full_path()
        return redirect("mfa_activate_totp")


def _open(path):
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return True
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return False
    return name.startswith(OPEN_URL_NAMES)

"""What every template may ask about the person reading it."""

from django.contrib.auth.models import AnonymousUser

from accounts.middleware import wanted_page
from accounts.roles import is_site_editor
from accounts.two_factor import needs_two_factor


def roles(request):
    """{% if is_site_editor %}: accounts.roles.is_site_editor for the reader; {% if
    needs_two_factor %}: whether two-factor sign-in is required of them, and
    two_factor_wanted, the page they asked for before they were sent to set it up. Each asked
    only when a template uses it."""
    user = getattr(request, "user", AnonymousUser())
    return {
        "is_site_editor": lambda: is_site_editor(user),
        "needs_two_factor": lambda: needs_two_factor(user),
        "two_factor_wanted": lambda: wanted_page(request) if hasattr(request, "session") else None,
    }

"""What every template may ask about the person reading it."""

from django.contrib.auth.models import AnonymousUser

from accounts.roles import is_site_editor


def roles(request):
    """{% if is_site_editor %}: accounts.roles.is_site_editor for the reader, asked only when a
    template uses it."""
    return {"is_site_editor": lambda: is_site_editor(getattr(request, "user", AnonymousUser()))}

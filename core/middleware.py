"""Input refused before any view sees it; the headers every response carries."""

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware import csp
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

NUL = "\x00"


def answers_json(view):
    """Mark a view that answers in JSON, so that input refused here is refused in JSON too,
    as `{"errors": {"param": ["message"]}}`."""
    view.answers_json = True
    return view


class RefuseNulMiddleware:
    """Answer 400 to a request whose address holds a NUL character, in its path or in any
    name or value of its query string.

    Nobody types one, and PostgreSQL can neither store nor compare text that holds one
    (psycopg raises DataError), so any parameter that reaches a query would otherwise be a
    500 there. Posted forms are left to the forms, which say which field is wrong: Django's
    CharField refuses NUL with a message, and every other field type refuses it as invalid.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            return _refuse(request, None, "The address holds a character that is not allowed.")
        for name, values in request.GET.lists():
            if NUL in name or any(NUL in value for value in values):
                name = name.replace(NUL, "")
                message = f"“{name}” holds a NUL character, which is not allowed."
                return _refuse(request, name, message)
        return self.get_response(request)


def _refuse(request, param, message):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    view = match.func if match else None
    if param is None and match:  # in the path: the part of it the view reads, by name
        param = next((name for name, value in match.kwargs.items() if NUL in str(value)), None)
    if param is not None and getattr(view, "answers_json", False):
        return JsonResponse({"errors": {param: [message]}}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:  # an address book without the admin (some tests)
        return None


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's Content-Security-Policy (settings.SECURE_CSP), with the admin's own policy
    (settings.SECURE_CSP_ADMIN) for every address under the admin's, and the
    Permissions-Policy (settings.PERMISSIONS_POLICY) on every response."""

    def process_response(self, request, response):
        admin = _admin_prefix()
        if admin and request.path_info.startswith(admin) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)

from django.template.response import TemplateResponse
from django.views.generic import RedirectView

# allauth's sign-in, the only one: it has the rate limits and email verification.
sign_in = RedirectView.as_view(pattern_name="account_login", query_string=True)


def admin_sign_in(request):
    """The admin's login URL (WAGTAILADMIN_LOGIN_URL), where Wagtail sends whoever it turns away.

    Someone signed out goes on to allauth's sign-in. Someone signed in without admin rights would
    be sent straight back to the admin by allauth, round and round; they learn what they can do.
    """
    if request.user.is_authenticated and not request.user.has_perm("wagtailadmin.access_admin"):
        return TemplateResponse(request, "accounts/admin_refused.html", status=403)
    return sign_in(request)

from django.contrib.auth.models import Permission

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from accounts.models import UndeliveredEmail
from accounts.roles import is_site_editor


class SiteEditorsMayLook(BasePermissionPolicy):
    """Site editors may look at undelivered emails; nobody may add, change or delete one, and
    nobody else may see them at all (a body names people and what happened to them).
    Registered for UndeliveredEmail in accounts/apps.py."""

    def user_has_permission(self, user, action):
        return action == "view" and is_site_editor(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_site_editor(user)


class UndeliveredEmailViewSet(ModelViewSet):
    """Emails that failed for good (accounts/mail.py), for a site editor to follow up."""

    model = UndeliveredEmail
    icon = "warning"
    menu_label = "Undelivered emails"
    add_to_settings_menu = True
    list_display = ["subject", "recipients", "failed_at", "attempts"]
    search_fields = ["subject", "recipients"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "failed_at",
        "recipients",
        "subject",
        "attempts",
        "error",
        "withheld",
        "body",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = []

    def get_permissions_to_register(self):
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_undelivered_email_viewset():
    return UndeliveredEmailViewSet("undelivered_emails", url_prefix="undelivered-emails")

"""Who is a site editor: the one home of that rule, below every app that asks it.

A site editor holds one permission, `accounts.site_editor` (a Meta permission of the user
model). The "Site editors" group gives it (with the admin and the page and file permissions at
the root that editing the whole site needs: migration accounts/0002; and the editors' picks,
Wagtail's search promotions: accounts/0004); put someone in that group
in the admin, under Settings → Groups. Superusers have it implicitly. Being staff means
nothing: the site has no Django admin.

Site editors review lessons without a network, see site-wide search insights, give the regional
lead role, facilitate and see into every network, and edit any page in the admin. Every app
asks the two functions here, never `is_superuser` or `is_staff`:

- `is_site_editor(user)`: whether this person is one;
- `site_editors()`: everyone who is, as a queryset (tested equal).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

APP_LABEL, CODENAME = "accounts", "site_editor"
SITE_EDITOR = f"{APP_LABEL}.{CODENAME}"
SITE_EDITORS_GROUP = "Site editors"


def is_site_editor(user):
    """Whether this person is a site editor: active, and a superuser or holding the
    permission (directly or through a group)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(SITE_EDITOR))


def site_editors():
    """Every site editor (the rule of is_site_editor, for many people at once)."""
    User = get_user_model()
    permission = Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)
    holders = User.objects.filter(
        Q(user_permissions__in=permission) | Q(groups__permissions__in=permission)
    )
    return User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(pk__in=holders.values("pk"))
    )

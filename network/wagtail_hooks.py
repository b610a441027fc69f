from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from network.models import Membership


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = "Memberships"
    add_to_admin_menu = True
    form_fields = ["network", "user", "role"]
    list_display = ["user", "network", "role", "joined_at"]
    list_filter = ["network", "role"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("memberships")

from django.contrib.auth.models import Permission

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import chooser
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from core.numbers import parse_whole_number
from network.models import Membership, NetworkPage, Profile, RegionalLead


class MembershipFilterSet(WagtailFilterSet):
    # By slug, not id: a number too large for the database's integers was passed straight
    # to the query and failed there.
    network = django_filters.ModelChoiceFilter(
        queryset=NetworkPage.objects.order_by("title"), to_field_name="slug", label="Network"
    )

    class Meta:
        model = Membership
        fields = ["network", "role"]


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = "Memberships"
    add_to_admin_menu = True
    form_fields = ["network", "user", "role"]
    list_display = ["user", "network", "role", "joined_at"]
    filterset_class = MembershipFilterSet
    search_fields = ["user__email", "user__first_name", "user__last_name"]


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("memberships")


class RegionalLeadViewSet(ModelViewSet):
    """Site editors give members the regional lead role, one row per region, and take it
    away. Who may is the permission policy registered for RegionalLead (site editors only,
    lessons/apps.py), so there are no Django permissions to hand out for it."""

    model = RegionalLead
    icon = "user"
    menu_label = "Regional leads"
    add_to_settings_menu = True
    form_fields = ["user", "region"]
    list_display = ["user", "region", "given_at"]
    list_filter = ["region"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    copy_view_enabled = False

    def get_permissions_to_register(self):
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_regional_lead_viewset():
    return RegionalLeadViewSet("regional_leads")


class VisibleProfiles:
    """Chooser views that see only the profiles the admin user may see."""

    def get_object_list(self):
        return Profile.objects.visible_to(self.request.user)

    def get_object(self, pk):
        # Wagtail's chooser passes the address's text as it is; a profile id is a whole number.
        return Profile.objects.visible_to(self.request.user).get(pk=parse_whole_number(pk))

    def get_objects(self, pks):
        pks = [pk for pk in map(parse_whole_number, pks) if pk is not None]
        return Profile.objects.visible_to(self.request.user).filter(pk__in=pks)


class ProfileChooseView(VisibleProfiles, chooser.ChooseView):
    pass


class ProfileChooseResultsView(VisibleProfiles, chooser.ChooseResultsView):
    pass


class ProfileChosenView(VisibleProfiles, chooser.ChosenView):
    pass


class ProfilesChosenView(VisibleProfiles, chooser.ChosenMultipleView):
    pass


class ProfileChooserViewSet(ChooserViewSet):
    """The chooser for linking a profile (an event's speaker): it offers, searches and names
    only the profiles the admin user may see (Profile.objects.visible_to), never hidden ones.
    Registered as the widget for every link to a profile in admin forms."""

    model = Profile
    icon = "user"
    choose_one_text = "Choose a profile"
    choose_another_text = "Choose another profile"
    edit_item_text = None
    choose_view_class = ProfileChooseView
    choose_results_view_class = ProfileChooseResultsView
    chosen_view_class = ProfileChosenView
    chosen_multiple_view_class = ProfilesChosenView


@hooks.register("register_admin_viewset")
def register_profile_chooser_viewset():
    return ProfileChooserViewSet("profile_chooser")

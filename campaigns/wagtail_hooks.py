"""Site editors keep the key messages and pick the case study of the month in the admin
(Settings); they see the facilitators' nominations there too."""

from django.contrib.auth.models import Permission

from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns.contacts import ContactsExport
from campaigns.models import CaseStudyNomination, KeyMessage, MonthlyPick, Signature


class SiteEditorsOnly(ModelViewSet):
    """Who may is the permission policy registered in campaigns/apps.py (site editors only),
    so there are no Django permissions to hand out."""

    add_to_settings_menu = True
    copy_view_enabled = False

    def get_permissions_to_register(self):
        return Permission.objects.none()


class KeyMessageViewSet(SiteEditorsOnly):
    model = KeyMessage
    icon = "openquote"
    menu_label = "Key messages"
    form_fields = ["number", "text", "source_title", "source_url"]
    list_display = ["number", "text", "source_title"]


class MonthlyPickViewSet(SiteEditorsOnly):
    model = MonthlyPick
    icon = "pick"
    menu_label = "Case study of the month"
    form_fields = ["month", "lesson"]
    list_display = ["month", "lesson", "picked_by"]


class NominationViewSet(SiteEditorsOnly):
    model = CaseStudyNomination
    icon = "tick"
    menu_label = "Case study nominations"
    form_fields = ["month", "lesson", "reason"]
    list_display = ["month", "lesson", "nominated_by", "reason"]


class PledgeContactsIndex(ContactsExport, IndexView):
    """Only the contacts the person may export (Signature.objects.contacts_for): signers who
    agreed to be contacted, in the regions this person leads, or all for a site editor."""

    def get_base_queryset(self):
        return Signature.objects.contacts_for(self.request.user).select_related("campaign")


class PledgeContactViewSet(SiteEditorsOnly):
    """Site editors list and export (CSV or Excel) every signer who agreed to be contacted;
    regional leads, who have no admin, export their regions' from the campaign page."""

    model = Signature
    icon = "mail"
    menu_label = "Pledge contacts"
    index_view_class = PledgeContactsIndex
    inspect_view_enabled = False
    form_fields = ["wants_updates"]
    list_display = ["name", "organisation", "region", "email", "campaign"]
    list_filter = ["campaign", "region"]


@hooks.register("register_admin_viewset")
def register_campaign_viewsets():
    return [
        PledgeContactViewSet("pledge_contacts"),
        KeyMessageViewSet("key_messages"),
        MonthlyPickViewSet("monthly_picks"),
        NominationViewSet("case_study_nominations"),
    ]

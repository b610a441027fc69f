"""The pledge's contacts as a spreadsheet: one export (Wagtail's `list_export`, through its
SpreadsheetExportMixin), used by the admin's Pledge contacts listing (site editors) and by a
campaign page's contacts/ route (regional leads, who have no admin, and site editors). Who is
in it is `Signature.objects.contacts_for(user)`."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.spreadsheets import spreadsheet_safe

CONTACT_EXPORT = [
    "campaign",
    "name",
    "organisation",
    "role",
    "get_region_display",
    "email",
    "confirmed_at",
]


class ContactsExport(SpreadsheetExportMixin):
    list_export = CONTACT_EXPORT
    export_headings = {"get_region_display": "Region", "confirmed_at": "Signed"}
    export_filename = "pledge-contacts"

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["campaign"] = item.campaign.title
        return {field: spreadsheet_safe(value) for field, value in row.items()}


class CampaignContactsExport(ContactsExport):
    """The export of one campaign's contacts, outside the admin."""

    def __init__(self, campaign):
        self.campaign = campaign

    def get_filename(self):
        return f"{self.campaign.slug}-contacts"

"""Proposed answers to searches that found nothing, in the admin: site editors read each and
accept it (which makes the thesaurus entry or the editors' pick, AnswerProposal.accept) or
decline it. Facilitators propose on the site (search/unanswered_views.py); nobody adds one
here. Who may is the permission policy registered for AnswerProposal (search/apps.py)."""

from django import forms
from django.contrib.auth.models import Permission

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from search.models import AnswerProposal


class AnswerProposalForm(WagtailAdminModelForm):
    """The decision is the status: choosing Accepted or Declined on a waiting proposal calls
    the model's transition when the form is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status_before = self.instance.status
        if "status" in self.fields:
            self.fields["status"].label = "Decision"

    def clean(self):
        data = super().clean()
        decision = data.get("status")
        if decision == self.status_before:
            return data
        if self.status_before != AnswerProposal.Status.PROPOSED:
            self.add_error("status", "This proposal has been decided already.")
        elif decision == AnswerProposal.Status.ACCEPTED:
            if self.instance.answer == AnswerProposal.Answer.PAGE and not self.instance.page_id:
                self.add_error("status", "The page proposed no longer exists: decline it.")
            elif self.instance.answer == AnswerProposal.Answer.WORDS:
                self.instance.terms = data.get("terms", "")
                try:
                    self.instance.thesaurus_entry().clean()
                except forms.ValidationError as invalid:
                    self.add_error(None, invalid)  # {"terms": [...]}: the same field here
        return data

    def save(self, commit=True):
        proposal = self.instance
        decision, proposal.status = proposal.status, self.status_before
        proposal.save(update_fields=["terms"])
        if decision == AnswerProposal.Status.ACCEPTED and decision != self.status_before:
            proposal.accept(self.for_user)
        elif decision == AnswerProposal.Status.DECLINED and decision != self.status_before:
            proposal.decline(self.for_user)
        return proposal


class AnswerProposalViewSet(ModelViewSet):
    model = AnswerProposal
    icon = "search"
    menu_label = "Proposed search answers"
    add_to_settings_menu = True
    list_display = ["query", "network", "answer", "status", "proposed_at"]
    list_filter = ["status", "answer"]
    search_fields = ["query", "terms"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("query", read_only=True),
            FieldPanel("network", read_only=True),
            FieldPanel("answer", read_only=True),
            FieldPanel(
                "terms",
                help_text="Accepting makes a one-way thesaurus entry: a search for the query also "
                "looks for these words. You may correct them first.",
            ),
            FieldPanel("page", read_only=True),
            FieldPanel("note", read_only=True),
            FieldPanel("proposed_at", read_only=True),
            FieldPanel("status"),
        ],
        base_form_class=AnswerProposalForm,
    )

    def get_permissions_to_register(self):
        return Permission.objects.none()

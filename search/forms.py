from django import forms

from core.numbers import WholeNumberField
from core.text import one_line
from core.vocabulary import (
    LEVEL_CHOICES,
    MAX_TEAM_SIZE,
    MAX_TEAM_YEARS,
    OrganisationType,
    Region,
    Scale,
)
from lessons.similarity import DEFAULT_LIMIT, MAX_LIMIT, Context
from maturity.models import Dimension
from search import unanswered
from search.models import AnswerProposal
from search.picks import page_at


class SimilarContextForm(forms.Form):
    """A reader describing their own context. Every field is optional."""

    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        required=False,
        choices=[("", "Any")] + OrganisationType.choices,
    )
    setting = forms.CharField(
        label="Care or service setting",
        required=False,
        max_length=255,
        help_text="For example: inpatient wards, GP practices, community nursing.",
    )
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any")] + Region.choices
    )
    scale = forms.ChoiceField(
        label="Scale of the work", required=False, choices=[("", "Any")] + Scale.choices
    )
    team_size = WholeNumberField(
        label="People in your team", required=False, minimum=1, maximum=MAX_TEAM_SIZE
    )
    years_experience = WholeNumberField(
        label="Years of experience in the team, added together",
        required=False,
        maximum=MAX_TEAM_YEARS,
        named="Years of experience in the team",
        help_text="For example, two people with 10 and 15 years: 25.",
    )
    training = forms.CharField(
        label="Improvement or knowledge management training in the team",
        required=False,
        max_length=255,
        help_text="For example: QSIR, measurement for improvement.",
    )
    dimension = forms.ModelChoiceField(
        label="A maturity outcome you are working on",
        required=False,
        queryset=Dimension.objects.select_related("framework"),
        to_field_name="code",
        empty_label="None chosen",
    )
    level = forms.TypedChoiceField(
        label="Your current level on it",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not sure")] + LEVEL_CHOICES,
    )
    q = forms.CharField(label="Words to look for (optional)", required=False, max_length=10000)
    limit = WholeNumberField(
        named="The limit", required=False, minimum=1, maximum=MAX_LIMIT, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].error_messages["invalid_choice"] = (
            "That is not a known dimension code."
        )
        self.fields["level"].error_messages["invalid_choice"] = (
            "The level must be a whole number from 0 to 4."
        )

    def clean(self):
        cleaned = super().clean()
        level_alone = cleaned.get("level") is not None and not cleaned.get("dimension")
        if level_alone and "dimension" not in self.errors:
            self.add_error("dimension", "Choose the outcome your level is on.")
        return cleaned

    def context(self):
        data = self.cleaned_data
        return Context(
            organisation_type=data["organisation_type"],
            setting=data["setting"],
            region=data["region"],
            scale=data["scale"],
            team_size=data["team_size"],
            years_experience=data["years_experience"],
            training=data["training"],
            dimension=data["dimension"],
            level=data["level"],
            q=data["q"],
        )

    @property
    def result_limit(self):
        return self.cleaned_data.get("limit") or DEFAULT_LIMIT

    @classmethod
    def initial_for(cls, user):
        """A signed-in member's profile fills in what it can."""
        profile = getattr(user, "profile", None) if user.is_authenticated else None
        if profile is None:
            return {}
        return {
            "organisation_type": profile.organisation_type,
            "region": profile.region,
            "years_experience": profile.years_experience,
            "training": ", ".join(t.name for t in profile.training.all()),
        }


class AnswerForm(forms.Form):
    """A facilitator tells site editors what answers a search their members made and found
    nothing: other words for it (a thesaurus entry) or a page of this site (an editors' pick).
    Checked as the editors' acceptance will check it (AnswerProposal.thesaurus_entry)."""

    query = forms.CharField(widget=forms.HiddenInput, max_length=200)
    answer = forms.ChoiceField(
        label="What answers this search?",
        choices=AnswerProposal.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what answers this search"},
    )
    terms = forms.CharField(
        label="Other words for it",
        required=False,
        max_length=1000,
        help_text="If you chose other words: the words or phrases our lessons use, separated by "
        "commas, for example “after action review, AAR”.",
        validators=[one_line()],
    )
    page_address = forms.CharField(
        label="Address of the page",
        required=False,
        max_length=500,
        help_text="If you chose a page: its address on this site, for example "
        "/lessons/discharge-huddles/.",
        validators=[one_line()],
    )
    note = forms.CharField(
        label="A note for the site editors (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, network, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.network, self.user, self.page = network, user, None

    def clean_query(self):
        query = self.cleaned_data["query"]
        if not unanswered.in_queue(self.network, query):
            raise forms.ValidationError(
                "This search is not one of your network’s searches that found nothing."
            )
        return query

    def clean(self):
        data = super().clean()
        if data.get("answer") == AnswerProposal.Answer.WORDS:
            if not data.get("terms", "").strip():
                self.add_error("terms", "Enter the other words for it")
            elif "query" in data:
                proposal = self._proposal(data)
                try:
                    proposal.thesaurus_entry().clean()
                except forms.ValidationError as invalid:
                    self.add_error(None, invalid)  # {"terms": [...]}: the same field here
        elif data.get("answer") == AnswerProposal.Answer.PAGE:
            address = data.get("page_address", "").strip()
            if not address:
                self.add_error("page_address", "Enter the address of the page")
            else:
                self.page = page_at(address, self.user)
                if self.page is None:
                    self.add_error(
                        "page_address",
                        "Enter the address of a published page of this site that you may read",
                    )
        return data

    def _proposal(self, data):
        return AnswerProposal(
            network=self.network,
            query=data["query"],
            answer=data["answer"],
            terms=data.get("terms", "") if data["answer"] == AnswerProposal.Answer.WORDS else "",
            page=self.page,
            note=data.get("note", ""),
            proposed_by=self.user,
        )

    def save(self):
        proposal = self._proposal(self.cleaned_data)
        proposal.save()
        return proposal

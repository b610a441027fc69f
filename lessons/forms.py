from django import forms

from core.dates import DatePartsField
from core.numbers import WholeNumberField
from core.text import one_line
from core.vocabulary import MAX_TEAM_YEARS, OrganisationType, Region, Scale
from lessons.models import Application
from lessons.vocabulary import Result
from network.models import Profile

NOTE_MAX_LENGTH = 2000


class ApplicationForm(forms.ModelForm):
    """ "We applied this": the team's context, what they did and adapted, and when they
    started. The model's own validation runs too (one path for the form, the admin and the
    demo loader)."""

    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        choices=[("", "Choose a type")] + OrganisationType.choices,
        error_messages={"required": "Select the type of organisation"},
    )
    setting = forms.CharField(
        validators=[one_line()],
        label="Care or service setting (optional)",
        required=False,
        max_length=255,
        help_text="For example: inpatient wards, GP practices, community nursing.",
    )
    region = forms.ChoiceField(label="Region", choices=[("", "Choose a region")] + Region.choices)
    scale = forms.ChoiceField(
        label="Scale of the work",
        choices=Scale.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the scale of the work"},
    )
    team_years = WholeNumberField(
        label="Years of experience in the team, added together (optional)",
        required=False,
        maximum=MAX_TEAM_YEARS,
        named="Years of experience in the team",
        help_text="For example, two people with 10 and 15 years: 25.",
    )
    applied_on = DatePartsField(
        label="When did you start?",
        named="The date you started",
        required=True,
        help_text="For example, 15 3 2026.",
        error_messages={"required": "Enter the date you started"},
    )
    what_we_did = forms.CharField(
        label="What did you do, and what did you adapt?",
        max_length=5000,
        help_text=(
            "What you did, and what you changed to fit your context. Others will read it on "
            "the lesson's page."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe what you did and what you adapted"},
    )

    class Meta:
        model = Application
        fields = Application.RECORDED_FIELDS

    @classmethod
    def initial_for(cls, user):
        """A member's profile fills in what it can: their organisation type, region and
        years of experience (the start of the team's total)."""
        profile = Profile.objects.filter(user=user).first()
        if profile is None:
            return {}
        return {
            "organisation_type": profile.organisation_type,
            "region": profile.region,
            "team_years": profile.years_experience,
        }


class ResultForm(forms.Form):
    result = forms.ChoiceField(
        label="What happened?",
        choices=Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    note = forms.CharField(
        label="A short note (optional)",
        help_text="What made the difference, or what you would change.",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

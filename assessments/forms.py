"""The forms of organisations and their assessments. Each message names its field."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.numbers import WholeNumberChoiceField, WholeNumberField
from core.private_files import DOCUMENTS, IMAGES, PrivateFileField
from core.text import one_line
from core.vocabulary import LEVEL_CHOICES
from maturity.models import Dimension, Framework

from .models import Invitation, Organisation, Unit

MAX_WORKFORCE = 2_000_000


class OrganisationForm(forms.ModelForm):
    workforce_size = WholeNumberField(
        label="Workforce size",
        minimum=1,
        maximum=MAX_WORKFORCE,
        help_text="How many people work for it (headcount).",
    )
    first_lead_email = forms.EmailField(
        label="Email address of its first assessment lead",
        help_text="We email them an invitation. They accept it by signing in with this address.",
    )

    class Meta:
        model = Organisation
        fields = ["name", "ods_code", "organisation_type", "region", "workforce_size"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(one_line())
        self.fields["ods_code"].widget.attrs.update({"class": "nhsuk-input--width-10"})

    def clean_ods_code(self):
        code = self.cleaned_data["ods_code"].strip().upper()
        if Organisation.objects.filter(ods_code=code).exists():
            raise ValidationError("An organisation with this ODS code is already here")
        return code


class UnitForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label="What kind of unit is it?",
        choices=[c for c in Unit.Kind.choices if c[0] != Unit.Kind.WHOLE],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Unit
        fields = ["name", "kind"]
        labels = {"name": "Name of the unit"}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["name"].validators.append(one_line())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.organisation.units.filter(name__iexact=name).exists():
            raise ValidationError("The organisation already has a unit with this name")
        return name


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(
        label="What will they do?",
        choices=Invitation.Role.choices,
        widget=forms.RadioSelect,
    )
    unit = WholeNumberChoiceField(
        label="Which unit will they take part in?",
        queryset=Unit.objects.none(),
        required=False,
        help_text="For a participant only: leads see all of the organisation's work.",
        empty_label="Choose a unit",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organisation.units.all()

    def clean(self):
        data = super().clean()
        if data.get("role") == Invitation.Role.PARTICIPANT and not data.get("unit"):
            self.add_error("unit", "Choose the unit a participant takes part in")
        return data


class StartForm(forms.Form):
    framework = forms.ModelChoiceField(
        label="Which framework?",
        queryset=Framework.objects.filter(dimensions__isnull=False).distinct(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    unit = WholeNumberChoiceField(
        label="Which unit is assessing itself?",
        queryset=Unit.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    dimensions = forms.ModelMultipleChoiceField(
        label="Which outcomes? (optional)",
        queryset=Dimension.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave them all unticked to assess every outcome of the framework.",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["dimensions"].label_from_instance = lambda d: d.full_label

    def clean(self):
        data = super().clean()
        framework, dimensions = data.get("framework"), data.get("dimensions") or []
        if framework and any(d.framework_id != framework.pk for d in dimensions):
            self.add_error("dimensions", f"Choose only outcomes of {framework.short_title}")
        return data


class AnswerForm(forms.Form):
    """One outcome's page: the level the group agrees on, the evidence and notes behind it,
    and a link or file to add to the evidence."""

    agreed_level = forms.TypedChoiceField(
        label="Which level does the group agree on?",
        choices=LEVEL_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    evidence_met = forms.BooleanField(
        label="We have the evidence this level expects",
        required=False,
        help_text="Where a level says what evidence it expects: without it, the level counts "
        "as the one below.",
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows the organisation is at this level.",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Seen by the organisation's leads and this unit's participants only.",
    )
    remove = forms.MultipleChoiceField(
        label="Remove evidence (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    link_title = forms.CharField(
        label="Title of a link to add (optional)",
        required=False,
        max_length=255,
        validators=[one_line()],
    )
    link_url = forms.URLField(
        label="Address of the link (optional)",
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    file_title = forms.CharField(
        label="Title of a file to add (optional)",
        required=False,
        max_length=255,
        validators=[one_line()],
    )
    file = PrivateFileField(
        label="File to add (optional)",
        required=False,
        kinds=DOCUMENTS + IMAGES,
        noun="file to add",
        help_text="A PDF, Word, Excel or PowerPoint file, or an image, up to 20 MB.",
    )

    def __init__(self, *args, answer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_level"].choices = answer.dimension.level_choices()
        # Checked against this answer's own links and files, with no query of what was sent.
        self.fields["remove"].choices = [
            (f"link-{link.pk}", link.title) for link in answer.links.all()
        ] + [(f"file-{file.pk}", f"{file.title} (file)") for file in answer.files.all()]
        if not self.fields["remove"].choices:
            del self.fields["remove"]

    def clean(self):
        data = super().clean()
        if data.get("link_url") and not data.get("link_title"):
            self.add_error("link_title", "Enter a title for the link")
        if data.get("link_title") and not data.get("link_url"):
            self.add_error("link_url", "Enter the address of the link")
        if data.get("file") and not data.get("file_title"):
            self.add_error("file_title", "Enter a title for the file")
        if data.get("file_title") and not data.get("file"):
            self.add_error("file", "Choose the file to add")
        return data

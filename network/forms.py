import datetime
import logging

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from PIL import Image
from taggit.forms import TagField
from taggit.models import Tag

from core.dates import DatePartsField
from core.numbers import WholeNumberField
from core.private_files import PrivateFileInput
from core.text import one_line
from core.vocabulary import MAX_YEARS_EXPERIENCE, OrganisationType, Region
from maturity.models import Dimension
from network.models import NetworkPage, Profile
from network.models.profiles import PHOTO_TOO_LARGE, reencoded_photo
from network.models.reviews import MATRIX

logger = logging.getLogger(__name__)

TAG_HELP = "Separate each with a comma."
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class TagsField(TagField):
    """taggit's field, held to the tag store's limit (PostgreSQL refuses a longer tag)."""

    def clean(self, value):
        tags = super().clean(value)
        for tag in tags:
            if len(tag) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    f"keep each one to {TAG_MAX_LENGTH} characters or fewer "
                    f"(“{tag[:20]}…” has {len(tag)})",
                    code="max_length",
                )
        return tags


class AddMemberForm(forms.Form):
    """A facilitator adds someone by email. Whether the address has an account, and whose it
    is, are never told: the form answers the same either way."""

    email = forms.EmailField(
        label="Email address of the person to add",
        help_text="They must already have an account on this site.",
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.user = get_user_model().objects.filter(email__iexact=email).first()
        return email


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label="Why would you like to join? (optional)",
        help_text="A sentence about your work helps the facilitators decide.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CurrentPhoto:
    """The current photo, as the clearable file input shows it: through the profile's photo
    view, never by its address in media storage or its file name."""

    def __init__(self, url):
        self.url = url

    def __str__(self):
        return "your photo"


class PhotoInput(PrivateFileInput):
    initial_text = "Now showing"
    clear_checkbox_label = "Remove the photo"

    def format_value(self, value):
        if self.is_initial(value):
            return CurrentPhoto(value.instance.photo_url)
        return None


class PhotoField(forms.ImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except forms.ValidationError as error:
            # Pillow refuses images so large they could only be an attack before Django's
            # check can open them: say what is wrong rather than "not an image".
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise forms.ValidationError(PHOTO_TOO_LARGE, code="too_large") from error
            raise


class ProfileForm(forms.ModelForm):
    years_experience = WholeNumberField(
        label="Years of experience in this kind of work",
        required=False,
        maximum=MAX_YEARS_EXPERIENCE,
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "job_role",
            "organisation",
            "organisation_type",
            "region",
            "years_experience",
            "specialisms",
            "training",
            "ask_me_about",
            "bio",
            "photo",
            "visibility",
        ]
        labels = {
            "display_name": "Your name as others will see it",
            "specialisms": "Specialisms",
            "training": "Improvement or knowledge management training",
            "ask_me_about": "Ask me about",
            "photo": "Photo (optional)",
            "visibility": "Who can see your profile",
        }
        help_texts = {
            "specialisms": f"For example: literature searching, patient safety. {TAG_HELP}",
            "training": f"For example: QSIR practitioner, measurement for improvement. {TAG_HELP}",
            "ask_me_about": f"Topics you are happy to be asked about. {TAG_HELP}",
            "bio": "A few sentences about what you have done, not only your job title.",
            "photo": "A JPEG, PNG or WebP image, 2 MB at most.",
        }
        field_classes = {
            "photo": PhotoField,
            "specialisms": TagsField,
            "training": TagsField,
            "ask_me_about": TagsField,
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
            "photo": PhotoInput,
        }

    ONE_LINE_FIELDS = ("display_name", "job_role", "organisation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.ONE_LINE_FIELDS:
            self.fields[name].validators.append(one_line())

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        if isinstance(photo, UploadedFile):
            return reencoded_photo(photo)
        return photo

    def save(self, commit=True):
        """Save the profile. When a new photo cannot be stored (the disk is full or
        read-only), everything else is saved with the photo as it was, and
        `photo_not_stored` says so, for the view to tell the member."""
        self.photo_not_stored = False
        try:
            return self._save(commit)
        except OSError as error:
            if not commit or "photo" not in self.changed_data:
                raise
            logger.error(
                "A profile photo could not be stored (%s: %s); the rest of the profile was saved.",
                type(error).__name__,
                error,
            )
            self.instance.photo = getattr(self.instance, "_photo_as_loaded", None) or ""
            self.photo_not_stored = True
            return self._save(commit)

    def _save(self, commit):
        # Tags on a clusterable model are set in memory, then written by the model's save,
        # which writes the row and all three tag sets in one transaction.
        with transaction.atomic():
            profile = super().save(commit=False)
            self.save_m2m()
            if commit:
                profile.save()
        return profile


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label="Search by name, role, organisation or topic", required=False, max_length=200
    )
    organisation_type = forms.ChoiceField(
        label="Organisation type",
        required=False,
        choices=[("", "Any")] + OrganisationType.choices,
    )
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any")] + Region.choices
    )
    specialism = forms.CharField(label="Specialism", required=False, max_length=100)
    training = forms.CharField(label="Training", required=False, max_length=100)
    network = forms.ModelChoiceField(
        label="Network",
        required=False,
        queryset=NetworkPage.objects.none(),
        to_field_name="slug",
        empty_label="Any",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only networks that share their member list with this person: a members-only
        # network's slug is refused like one that does not exist.
        shared = NetworkPage.objects.sharing_content_with(user)
        self.fields["network"].queryset = shared.order_by("title")


class ReviewForm(forms.Form):
    """A review of a network against each dimension of the Network Maturity Matrix. It starts
    from the network's last review (its levels and targets), or from level 0 for the first,
    and refuses a review that changes nothing from where it started: an untouched submit
    records nothing."""

    MEASURE_ROWS = 3

    date = DatePartsField(
        label="Date of the review",
        named="The date of the review",
        required=True,
        help_text="For example, 15 3 2026.",
        initial=datetime.date.today,
        error_messages={"required": "Enter the date of the review"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.dimensions = list(
            Dimension.objects.filter(framework__slug=MATRIX).prefetch_related("levels")
        )
        earlier = {score.dimension_id: score for score in previous.scores.all()} if previous else {}
        for dimension in self.dimensions:
            self.fields[f"{dimension.code}-current"] = forms.TypedChoiceField(
                label=f"{dimension.label}: where the network is now",
                choices=dimension.level_choices(),
                coerce=int,
                initial=getattr(earlier.get(dimension.pk), "current_level", 0),
            )
            self.fields[f"{dimension.code}-target"] = forms.TypedChoiceField(
                label=f"{dimension.label}: where it aims to be",
                choices=dimension.level_choices(),
                coerce=int,
                initial=getattr(earlier.get(dimension.pk), "target_level", 0),
            )
            self.fields[f"{dimension.code}-notes"] = forms.CharField(
                label=f"{dimension.label}: notes (optional)",
                required=False,
                max_length=1000,
            )
        for row in range(self.MEASURE_ROWS):
            self.fields[f"measure-{row}-name"] = forms.CharField(
                validators=[one_line()],
                label=f"Outcome measure {row + 1}: name",
                required=False,
                max_length=120,
                help_text="For example “active members” or “lessons shared”." if row == 0 else "",
            )
            self.fields[f"measure-{row}-value"] = forms.DecimalField(
                label=f"Outcome measure {row + 1}: value",
                required=False,
                max_digits=12,
                decimal_places=2,
            )

    def clean(self):
        cleaned = super().clean()
        for dimension in self.dimensions:
            current = cleaned.get(f"{dimension.code}-current")
            target = cleaned.get(f"{dimension.code}-target")
            if current is not None and target is not None and target < current:
                self.add_error(
                    f"{dimension.code}-target",
                    f"{dimension.label}: the target cannot be below the current level.",
                )
        for row in range(self.MEASURE_ROWS):
            name = cleaned.get(f"measure-{row}-name")
            value = cleaned.get(f"measure-{row}-value")
            if name and value is None:
                self.add_error(f"measure-{row}-value", f"Give a value for “{name}”.")
            if value is not None and not name:
                self.add_error(f"measure-{row}-name", "Name the measure this value belongs to.")
        if not self.errors and not [name for name in self.changed_data if name != "date"]:
            raise forms.ValidationError(self._unchanged_message(), code="unchanged")
        return cleaned

    def _unchanged_message(self):
        if self.previous is None:
            return (
                "Nothing was recorded: choose where the network is now and where it aims to be "
                "for at least one dimension, or add notes or an outcome measure"
            )
        return (
            f"Nothing changed since the review of {self.previous.date:%-d %B %Y}: change a "
            "level or a target, or add notes or an outcome measure"
        )

    def dimension_rows(self):
        return [
            (
                dimension,
                self[f"{dimension.code}-current"],
                self[f"{dimension.code}-target"],
                self[f"{dimension.code}-notes"],
            )
            for dimension in self.dimensions
        ]

    def measure_rows(self):
        return [
            (self[f"measure-{row}-name"], self[f"measure-{row}-value"])
            for row in range(self.MEASURE_ROWS)
        ]

    def save(self, network, user):
        from network.models import NetworkReview, OutcomeMeasure, ReviewScore

        data = self.cleaned_data
        review = NetworkReview(
            network=network, date=data["date"], notes=data["notes"], recorded_by=user
        )
        review.scores = [
            ReviewScore(
                dimension=dimension,
                current_level=data[f"{dimension.code}-current"],
                target_level=data[f"{dimension.code}-target"],
                notes=data[f"{dimension.code}-notes"],
            )
            for dimension in self.dimensions
        ]
        review.measures = [
            OutcomeMeasure(
                name=data[f"measure-{row}-name"],
                value=data[f"measure-{row}-value"],
                date=data["date"],
            )
            for row in range(self.MEASURE_ROWS)
            if data.get(f"measure-{row}-name")
        ]
        review.save()
        return review

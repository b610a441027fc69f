"""The forms of asking, answering, commenting, reporting and hiding. Each field's errors name
it (the site's error tags put the label in front of the general messages)."""

from django import forms

from core.numbers import WholeNumberChoiceField, WholeNumbersChoiceField
from core.text import one_line
from core.vocabulary import OrganisationType, Region
from lessons.models import LessonPage
from network.models import NetworkPage, Profile, ResourcePage
from questions.models import BODY_LENGTH, REASON_LENGTH, TITLE_LENGTH
from themes.models import ThemePage


def _body(label, help_text=""):
    return forms.CharField(
        label=label,
        max_length=BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=help_text,
    )


class AskForm(forms.Form):
    title = forms.CharField(
        label="Your question, in a sentence",
        max_length=TITLE_LENGTH,
        validators=[one_line()],
        help_text="For example: how did you get consultants to come to discharge huddles?",
    )
    body = _body(
        "More detail",
        "What you have tried and what you are trying to achieve. Plain text; web addresses "
        "starting with https:// become links.",
    )
    network = WholeNumberChoiceField(
        queryset=NetworkPage.objects.none(),
        required=False,
        empty_label="The whole site (signed-in members only)",
        label="Who to ask",
    )
    organisation_type = forms.ChoiceField(
        label="Your type of organisation",
        choices=[("", "Not given")] + OrganisationType.choices,
        required=False,
    )
    region = forms.ChoiceField(
        label="Your region", choices=[("", "Not given")] + Region.choices, required=False
    )
    setting = forms.CharField(
        label="Your care or service setting",
        max_length=255,
        required=False,
        validators=[one_line()],
    )
    themes = WholeNumbersChoiceField(
        queryset=ThemePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Themes",
    )
    context_for_lesson = forms.BooleanField(
        required=False,
        label="The person whose answer helps may start a lesson with my context",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = (
            NetworkPage.objects.live().filter(memberships__user=user).order_by("title")
            if user.is_authenticated
            else NetworkPage.objects.none()
        )
        self.fields["themes"].queryset = ThemePage.objects.live().order_by("title")

    @classmethod
    def initial_for(cls, user):
        """The asker's context, from their profile."""
        profile = Profile.objects.filter(user=user).first() if user.is_authenticated else None
        if profile is None:
            return {}
        return {"organisation_type": profile.organisation_type, "region": profile.region}


class AnswerForm(forms.Form):
    body = _body("Your answer", "Plain text; web addresses starting with https:// become links.")
    lesson = WholeNumberChoiceField(
        queryset=LessonPage.objects.none(), required=False, label="Link a lesson (optional)"
    )
    resource = WholeNumberChoiceField(
        queryset=ResourcePage.objects.none(), required=False, label="Link a resource (optional)"
    )
    person = WholeNumberChoiceField(
        queryset=Profile.objects.none(), required=False, label="Suggest a person (optional)"
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = LessonPage.objects.readable_by(user).order_by("title")
        self.fields["resource"].queryset = ResourcePage.objects.readable_by(user).order_by("title")
        self.fields["person"].queryset = Profile.objects.visible_to(user).exclude(user=user)

    def links(self):
        data = self.cleaned_data
        return {
            "lessons": [data["lesson"]] if data.get("lesson") else [],
            "resources": [data["resource"]] if data.get("resource") else [],
            "people": [data["person"]] if data.get("person") else [],
        }


class CommentForm(forms.Form):
    body = _body("Your comment or question to the authors")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=REASON_LENGTH, validators=[one_line()])

"""The forms after an assessment closes: the discussion, feedback, an action, compare and
track. Each message names its field."""

from django import forms
from django.utils import timezone

from core.dates import DatePartsField
from core.numbers import WholeNumberChoiceField, WholeNumbersChoiceField
from lessons.models import LessonPage
from maturity.models import Framework

from .models import Action

TEXT_MAX = 5000


def _text(label, *, required=False, rows=4, named=None):
    named = named or label
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {named.lower()}",
            "max_length": f"{named} must be {TEXT_MAX} characters or fewer",
        },
    )


class DiscussionForm(forms.Form):
    held_on = DatePartsField(
        label="When was the discussion?",
        named="The date of the discussion",
        required=True,
        help_text="For example, 15 3 2026.",
        error_messages={"required": "Enter the date of the discussion"},
    )

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["took_part"] = _text(
            "Who took part", required=True, named="Who took part", rows=5
        )
        self.fields["took_part"].help_text = "Names and roles, one a line."
        self.answers = list(answers)
        for answer in self.answers:
            self.fields[f"decided_{answer.pk}"] = _text(
                f"What was decided on {answer.dimension.full_label} (optional)",
                named=f"What was decided on {answer.dimension.label}",
            )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on and held_on > timezone.localdate():
            raise forms.ValidationError("The date of the discussion must be today or in the past")
        return held_on

    def decisions(self):
        return {answer.pk: self.cleaned_data[f"decided_{answer.pk}"] for answer in self.answers}


class FeedbackForm(forms.Form):
    text = _text("Your feedback", required=True, named="Your feedback", rows=6)


class ActionForm(forms.ModelForm):
    due_on = DatePartsField(
        label="Due date (optional)", named="The due date", help_text="For example, 31 3 2027."
    )
    lessons = WholeNumbersChoiceField(
        label="Lessons it draws on (optional)",
        queryset=LessonPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select lessons from the list"},
    )

    class Meta:
        model = Action
        fields = ["description", "owner", "due_on", "status"]
        labels = {"description": "Action", "owner": "Owner (optional)"}
        widgets = {"status": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "description": {"required": "Enter the action"},
            "status": {"required": "Select the status"},
        }

    def __init__(self, *args, lessons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = lessons
        self.fields["description"].max_length = TEXT_MAX
        self.fields["lessons"].label_from_instance = lambda lesson: lesson.title


class FrameworkChoice(forms.Form):
    framework = WholeNumberChoiceField(
        label="Framework",
        queryset=Framework.objects.all(),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": "Select a framework from the list"},
    )


class CompareForm(FrameworkChoice):
    units = WholeNumbersChoiceField(
        label="Units to compare",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select units from the list"},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = organisation.units.all()


class TrackForm(FrameworkChoice):
    unit = WholeNumberChoiceField(
        label="Unit",
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": "Select a unit from the list"},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organisation.units.all()

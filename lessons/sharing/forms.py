"""The questions of the guided form, one topic per page (the NHS.UK question pages pattern).

Each form reads its answers from the lesson as its latest revision has it (`draft`) and writes
them back with `apply(draft)`; lessons/sharing/rules.py saves the result as a new revision. Lists
(team members, whys, actions, evidence links) grow and shrink with "Add another" and "Remove"
buttons that work without JavaScript: pressing one shows the page again, as typed, one item
longer or shorter, without checking or saving anything yet.

Every error message names its field, and for an item in a list, which item.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from core.dates import DatePartsField
from core.text import lines, one_line
from core.vocabulary import (
    OrganisationType,
    Region,
    Scale,
    Visibility,
)
from lessons.models import LessonPage
from lessons.sharing.rules import networks_for, set_themes, suggested_themes
from lessons.vocabulary import QUESTIONS, Kind
from maturity.models import Dimension

MAX_THEMES = 20
MAX_THEME_LENGTH = 100  # the tag store's limit (lessons/v1 themes[])
MAX_STORY = 20_000

KIND_HINTS = {kind: "Told under: " + "; ".join(questions) for kind, questions in QUESTIONS.items()}


def _model_field(name, **kwargs):
    return LessonPage._meta.get_field(name).formfield(**kwargs)


class StepForm(forms.Form):
    """A form for one step: its answers come from the draft and go back into it."""

    def __init__(self, data=None, *, draft, user, **kwargs):
        self.draft, self.user = draft, user
        kwargs.setdefault("initial", self.initial_from(draft))
        super().__init__(data, **kwargs)

    def initial_from(self, draft):
        return {}

    def apply(self, draft):
        raise NotImplementedError


# Kind, title and summary


class AboutForm(StepForm):
    kind = forms.ChoiceField(
        label="What kind of lesson is it?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        help_text="Each kind tells its story under its own questions.",
    )
    title = _model_field(
        "title",
        validators=[one_line()],
        label="Title",
        help_text="A few words that say what was learned, for example “Daily discharge huddles”.",
    )
    summary = _model_field(
        "summary",
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One paragraph: what was learned, where, and why it matters to others.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].hints = KIND_HINTS
        self.fields["kind"].error_messages["required"] = "Select what kind of lesson it is"
        self.fields["title"].error_messages["required"] = "Enter a title"
        self.fields["summary"].error_messages["required"] = "Enter a summary"

    def initial_from(self, draft):
        if draft is None:
            return {}  # no kind chosen for them (NHS.UK radios: never pre-select)
        return {"kind": draft.kind, "title": draft.title, "summary": draft.summary}

    def apply(self, draft):
        for name in ("kind", "title", "summary"):
            setattr(draft, name, self.cleaned_data[name])


# The story


class StoryForm(StepForm):
    intended = forms.CharField(required=False, max_length=MAX_STORY, widget=forms.Textarea)
    what_happened = forms.CharField(required=False, max_length=MAX_STORY, widget=forms.Textarea)
    outcome = forms.CharField(required=False, max_length=MAX_STORY, widget=forms.Textarea)
    recommendations = forms.CharField(
        label="Recommendations for someone trying this elsewhere",
        required=False,
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hints = (
            "What you meant to achieve, and how you would know.",
            "What you did and what happened, including what did not go to plan.",
            "What changed, and how you measured it.",
        )
        questions = QUESTIONS[self.draft.kind]
        for name, question, hint in zip(
            ("intended", "what_happened", "outcome"), questions, hints, strict=True
        ):
            self.fields[name].label = question
            self.fields[name].help_text = hint
            self.fields[name].widget.attrs["rows"] = 5

    def initial_from(self, draft):
        return {
            "intended": draft.intended,
            "what_happened": draft.what_happened,
            "outcome": draft.outcome,
            "recommendations": "\n".join(block.value for block in draft.recommendations),
        }

    def apply(self, draft):
        data = self.cleaned_data
        draft.intended, draft.what_happened, draft.outcome = (
            data["intended"],
            data["what_happened"],
            data["outcome"],
        )
        draft.recommendations = [
            {"type": "recommendation", "value": text} for text in lines(data["recommendations"])
        ]


# Context


def _choices(prompt, choices):
    return [("", prompt), *choices]


class ContextForm(StepForm):
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        required=False,
        choices=_choices("Choose a type of organisation", OrganisationType.choices),
    )
    setting = _model_field(
        "setting",
        validators=[one_line()],
        label="Care or service setting",
        help_text="For example “inpatient wards”, “GP practices” or “the library service”.",
    )
    region = forms.ChoiceField(
        label="Region", required=False, choices=_choices("Choose a region", Region.choices)
    )
    scale = forms.ChoiceField(
        label="How far did the work reach?",
        required=False,
        choices=Scale.choices,
        widget=forms.RadioSelect,
    )
    date = DatePartsField(
        label="When did the work happen?",
        help_text=(
            "For example 15 3 2025. If you are not sure of the day, use the first of the month."
        ),
    )

    def initial_from(self, draft):
        return {
            name: getattr(draft, name)
            for name in ("organisation_type", "setting", "region", "scale", "date")
        }

    def apply(self, draft):
        for name, value in self.cleaned_data.items():
            setattr(draft, name, value)


# Maturity outcomes and themes


def _outcome_choices():
    grouped = {}
    for dimension in Dimension.objects.select_related("framework"):
        grouped.setdefault(dimension.framework.title, []).append(
            (dimension.code, dimension.full_label)
        )
    return [("", "Choose an outcome"), *grouped.items()]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Add a maturity outcome",
        help_text="Next you will choose the level your lesson speaks to.",
        error_messages={"required": "Select a maturity outcome"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = _outcome_choices()


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Which level does your lesson speak to?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level your lesson speaks to"},
    )

    def __init__(self, *args, dimension, **kwargs):
        super().__init__(*args, **kwargs)
        levels = list(dimension.levels.order_by("number"))
        self.fields["level"].choices = [
            (level.number, f"Level {level.number}: {level.name}") for level in levels
        ]
        self.fields["level"].hints = {level.number: level.descriptor for level in levels}
        self.fields["level"].help_text = (
            "Choose the level of the organisation when the work happened, or the level it "
            "helped it reach."
        )


THEME_SPLIT = re.compile(r"[,\n]")


class ThemesForm(StepForm):
    chosen = forms.MultipleChoiceField(
        label="Themes others have used",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that fit, so readers find your lesson with similar ones.",
    )
    others = forms.CharField(
        label="Other themes",
        required=False,
        max_length=1000,
        help_text="Separate each with a comma, for example “patient flow, huddles”.",
    )

    def __init__(self, data=None, *, draft, user, **kwargs):
        self.suggestions = suggested_themes(user)
        super().__init__(data, draft=draft, user=user, **kwargs)
        self.fields["chosen"].choices = [
            (name, name) for name in sorted(self.suggestions, key=str.lower)
        ]

    def initial_from(self, draft):
        current = [tag.name for tag in draft.themes.all()]
        suggested = {name.lower() for name in self.suggestions}
        return {
            "chosen": [name for name in current if name.lower() in suggested],
            "others": ", ".join(name for name in current if name.lower() not in suggested),
        }

    def clean_others(self):
        names = [" ".join(name.split()) for name in THEME_SPLIT.split(self.cleaned_data["others"])]
        names = [name for name in names if name]
        for name in names:
            if len(name) > MAX_THEME_LENGTH:
                raise ValidationError(
                    f"Other themes: “{name[:30]}…” is too long; keep each theme to "
                    f"{MAX_THEME_LENGTH} characters"
                )
        return names

    def clean(self):
        data = super().clean()
        themes = {}
        for name in [*data.get("chosen", []), *data.get("others", [])]:
            themes.setdefault(name.lower(), name)
        if len(themes) > MAX_THEMES:
            self.add_error("others", f"Other themes: choose {MAX_THEMES} themes at most")
        data["themes"] = list(themes.values())
        return data

    def apply(self, draft):
        set_themes(draft, self.cleaned_data["themes"])


# Network and visibility


WHOLE_SITE = "site"


class NetworkForm(StepForm):
    network = forms.ChoiceField(
        label="Who should review and host your lesson?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a network, or the whole site",
            "invalid_choice": "Select a network you belong to, or the whole site",
        },
    )
    visibility = forms.ChoiceField(
        label="Who can read it once it is published?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can read it"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.networks = {str(network.pk): network for network in networks_for(self.user)}
        self.fields["network"].choices = [
            *((pk, network.title) for pk, network in self.networks.items()),
            (WHOLE_SITE, "The whole site, not one network"),
        ]
        self.fields["network"].hints = {
            **{pk: "Reviewed by its facilitators." for pk in self.networks},
            WHOLE_SITE: "Reviewed by the site's editors.",
        }
        self.fields["visibility"].hints = {
            Visibility.PUBLIC: "Anyone, signed in or not.",
            Visibility.MEMBERS: "Only signed-in members of the network you chose.",
        }

    def initial_from(self, draft):
        return {
            # Nothing chosen until the champion answers (the NHS.UK pattern for radios).
            "network": (str(draft.network_id) if draft.network_id else WHOLE_SITE)
            if draft.network_chosen
            else None,
            "visibility": draft.visibility,
        }

    def clean(self):
        data = super().clean()
        if data.get("network") == WHOLE_SITE and data.get("visibility") == Visibility.MEMBERS:
            self.add_error(
                "visibility",
                "Members-only lessons belong to a network: choose a network, or let everyone "
                "read it",
            )
        return data

    def apply(self, draft):
        draft.network = self.networks.get(self.cleaned_data["network"])
        draft.network_chosen = True
        draft.visibility = self.cleaned_data["visibility"]

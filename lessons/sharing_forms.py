"""The questions of the guided form, one topic per page (the NHS.UK question pages pattern).

Each form reads its answers from the lesson as its latest revision has it (`draft`) and writes
them back with `apply(draft)`; lessons/sharing.py saves the result as a new revision. Lists
(team members, whys, actions, evidence links) grow and shrink with "Add another" and "Remove"
buttons that work without JavaScript: pressing one shows the page again, as typed, one item
longer or shorter, without checking or saving anything yet.

Every error message names its field, and for an item in a list, which item.
"""

import datetime
import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from wagtail.blocks import StructBlockValidationError

from core.blocks import LinkBlock
from core.text import lines
from core.vocabulary import (
    MAX_YEARS_EXPERIENCE,
    OrganisationType,
    Region,
    Scale,
    Visibility,
)
from lessons.blocks import FactorBlock
from lessons.models import LessonPage, TeamMember
from lessons.sharing import networks_for, set_themes, suggested_themes
from lessons.vocabulary import MAX_WHYS, QUESTIONS, FactorType, Kind
from maturity.models import Dimension

MAX_TEAM = 20
MAX_ACTIONS = 10
MAX_EVIDENCE = 20
MAX_THEMES = 20
MAX_THEME_LENGTH = 100  # the tag store's limit (lessons/v1 themes[])
MAX_STORY = 20_000
NEW_FACTOR_WHYS = 3

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
        self.fields["title"].error_messages["required"] = "Enter a title"
        self.fields["summary"].error_messages["required"] = "Enter a summary"

    def initial_from(self, draft):
        if draft is None:
            return {"kind": Kind.LESSON}
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


class DatePartsWidget(forms.MultiWidget):
    """The NHS.UK date input: day, month and year in three boxes."""

    template_name = "includes/widgets/date_parts.html"

    def __init__(self, attrs=None):
        boxes = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)]
        super().__init__(boxes, attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def _render(self, template_name, context, renderer=None):
        # The site's templates, not Django's form renderer's (which knows only its own).
        return mark_safe(render_to_string(template_name, context))


class DatePartsField(forms.MultiValueField):
    widget = DatePartsWidget

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False, max_length=4) for _ in range(3)]
        super().__init__(parts, require_all_fields=False, required=False, **kwargs)

    def compress(self, values):
        if not values or not any(values):
            return None
        day, month, year = (value.strip() for value in values)
        if not (day and month and year):
            missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
            raise ValidationError(
                f"{self.label} must include a {' and '.join(missing)}", code="incomplete_date"
            )
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                f"{self.label} must be a real date, for example 15 3 2025", code="invalid_date"
            ) from None
        if not 1950 <= date.year <= datetime.date.today().year + 5:
            raise ValidationError(
                f"{self.label} must have a year between 1950 and {datetime.date.today().year + 5}",
                code="invalid_date",
            )
        return date


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


# Lists: the team, whys, actions, evidence


class ListForm(StepForm):
    """A form with lists of items. `lists` names each list: {name: (prefix, maximum)}; each
    item's answers are `<prefix>-<n>-<field>` in the data, and `<prefix>-count` says how many
    items the page showed. Pressing "Add another" or "Remove" is a change of shape, not a
    save: `reshaped()` gives the same page, as typed, with one item more or fewer."""

    lists = {}

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.counts = {name: self._count(name, data) for name in self.lists}
        for name, (prefix, _) in self.lists.items():
            for n, item in enumerate(self.initial.get(name) or [], 1):
                for key, value in item.items():
                    self.initial.setdefault(f"{prefix}-{n}-{key}", value)
            for n in range(1, self.counts[name] + 1):
                self.fields.update(self.item_fields(name, n))

    def _count(self, name, data):
        prefix, maximum = self.lists[name]
        if data is None:
            count = len(self.initial.get(name) or [])
        else:
            text = data.get(f"{prefix}-count", "")
            count = int(text) if text.isdigit() else 0
        return max(1, min(count, maximum))

    def item_fields(self, name, n):
        """The fields of item n of a list: {"<prefix>-<n>-<field>": field}."""
        raise NotImplementedError

    def _keys(self, name):
        prefix, _ = self.lists[name]
        return [key.split("-", 2)[2] for key in self.item_fields(name, 1)]

    def change_of_shape(self):
        """(list name, "add" or the number of the item to remove), or None."""
        if not self.is_bound:
            return None
        for name, (prefix, _) in self.lists.items():
            if f"add-{prefix}" in self.data:
                return name, "add"
            removed = self.data.get(f"remove-{prefix}", "")
            if removed.isdigit():
                return name, int(removed)
        return None

    def reshaped(self, **kwargs):
        """The form again, unbound, with everything as typed and the change of shape made."""
        name, change = self.change_of_shape()
        initial = {key: self.data.get(key) for key in self.base_fields}
        for list_name in self.lists:
            initial[list_name] = self.typed_items(list_name)
        items = initial[name]
        _, maximum = self.lists[name]
        if change == "add" and len(items) < maximum:
            items.append({})
        elif change != "add" and 1 <= change <= len(items):
            items.pop(change - 1)
        return type(self)(draft=self.draft, user=self.user, initial=initial, **kwargs)

    def typed_items(self, name):
        prefix, _ = self.lists[name]
        return [
            {key: self.data.get(f"{prefix}-{n}-{key}", "") for key in self._keys(name)}
            for n in range(1, self.counts[name] + 1)
        ]

    def items(self, name):
        """Each item as (number, its bound fields by name), for the template."""
        prefix, _ = self.lists[name]
        return [
            (n, {key: self[f"{prefix}-{n}-{key}"] for key in self._keys(name)})
            for n in range(1, self.counts[name] + 1)
        ]

    @property
    def rows(self):
        """{list name: [(number, {field: bound field})]}, for the template."""
        return {name: self.items(name) for name in self.lists}

    @property
    def room(self):
        """{list name: whether another item may be added}."""
        return {name: self.counts[name] < maximum for name, (_, maximum) in self.lists.items()}

    def cleaned_items(self, name):
        """The items with anything in them, as cleaned dicts."""
        prefix, _ = self.lists[name]
        found = []
        for n in range(1, self.counts[name] + 1):
            item = {key: self.cleaned_data.get(f"{prefix}-{n}-{key}") for key in self._keys(name)}
            if any(value not in (None, "") for value in item.values()):
                found.append(item)
        return found

    def require_in_filled_items(self, name):
        """An item with anything in it needs its required parts (blank items are skipped)."""
        prefix, _ = self.lists[name]
        for n in range(1, self.counts[name] + 1):
            keys = [f"{prefix}-{n}-{key}" for key in self._keys(name)]
            if not any(self.cleaned_data.get(key) not in (None, "") for key in keys):
                continue
            for key in keys:
                message = getattr(self.fields[key], "required_message", None)
                if message and key not in self.errors and not self.cleaned_data.get(key):
                    self.add_error(key, message)


def _in_a_list(field, required_message=None):
    """A field of a list item. Blank items are skipped, so the field is optional as such;
    `required_message` says what an item with anything in it must have."""
    field.required = False
    field.required_message = required_message
    return field


class TeamForm(ListForm):
    lists = {"team": ("member", MAX_TEAM)}

    def item_fields(self, name, n):
        who = f"team member {n}"
        years = f"Years of experience of {who} must be a whole number from 0 to 60"
        return {
            f"member-{n}-role": _in_a_list(
                forms.CharField(
                    label="Role",
                    max_length=255,
                    help_text="For example “Ward sister” or “Clinical librarian”.",
                    error_messages={"max_length": f"Role of {who} must be 255 characters or fewer"},
                ),
                required_message=f"Enter the role of {who}",
            ),
            f"member-{n}-years_experience": _in_a_list(
                forms.IntegerField(
                    label="Years of experience",
                    min_value=0,
                    max_value=MAX_YEARS_EXPERIENCE,
                    help_text="In this kind of work, from 0 to 60.",
                    widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                    error_messages={"invalid": years, "min_value": years, "max_value": years},
                )
            ),
            f"member-{n}-specialisms": _in_a_list(
                forms.CharField(
                    label="Specialisms",
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text="One per line, for example “infection prevention and control”.",
                )
            ),
            f"member-{n}-training": _in_a_list(
                forms.CharField(
                    label="Improvement or knowledge management training",
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text="One per line, for example “QSIR practitioner”.",
                )
            ),
        }

    def initial_from(self, draft):
        return {
            "team": [
                {
                    "role": member.role,
                    "years_experience": member.years_experience,
                    "specialisms": member.specialisms,
                    "training": member.training,
                }
                for member in draft.team_members.all()
            ]
        }

    def clean(self):
        data = super().clean()
        self.require_in_filled_items("team")
        return data

    def apply(self, draft):
        draft.team_members = [
            TeamMember(
                role=item["role"],
                years_experience=item["years_experience"],
                specialisms="\n".join(lines(item["specialisms"] or "")),
                training="\n".join(lines(item["training"] or "")),
            )
            for item in self.cleaned_items("team")
        ]


class FactorForm(ListForm):
    """One success factor or barrier, its chain of whys, root cause and actions."""

    lists = {"whys": ("why", MAX_WHYS), "actions": ("action", MAX_ACTIONS)}

    type = forms.ChoiceField(
        label="Is it a success factor or a barrier?",
        choices=FactorType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a success factor or a barrier"},
    )
    statement = forms.CharField(
        label="The factor as people first say it",
        max_length=FactorBlock.base_blocks["statement"].field.max_length,
        help_text="For example “Effective communication” or “Pharmacy delays”.",
        error_messages={
            "required": "Enter the factor as people first say it",
            "max_length": "The factor as people first say it must be 255 characters or fewer",
        },
    )
    root_cause = forms.CharField(
        label="Root cause",
        required=False,
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the chain of whys ends: the cause underneath.",
    )

    def __init__(self, data=None, *, block_id=None, **kwargs):
        self.block_id = block_id
        super().__init__(data, **kwargs)

    def _count(self, name, data):
        count = super()._count(name, data)
        if data is None and not self.initial.get(name) and name == "whys":
            return NEW_FACTOR_WHYS  # a new chain starts with room for three whys
        return count

    def item_fields(self, name, n):
        if name == "whys":
            why_length = FactorBlock.base_blocks["whys"].child_block.field.max_length
            return {
                f"why-{n}-text": forms.CharField(
                    label=f"Why? ({n})",
                    required=False,
                    max_length=why_length,
                    help_text=(
                        "Why did this help, or get in the way?" if n == 1 else "Why was that so?"
                    ),
                    # lessons/v1 sets no limit on a why; the block follows it.
                    error_messages=(
                        {"max_length": f"Why? ({n}) must be {why_length:,} characters or fewer"}
                        if why_length
                        else {}
                    ),
                )
            }
        return {
            f"action-{n}-text": forms.CharField(
                label=f"Action {n}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": f"Action {n} must be 2,000 characters or fewer"},
            )
        }

    def reshaped(self, **kwargs):
        return super().reshaped(block_id=self.block_id, **kwargs)

    def initial_from(self, draft):
        for block in draft.factors:
            if block.id == self.block_id:
                value = block.value
                return {
                    "type": value["type"],
                    "statement": value["statement"],
                    "root_cause": value["root_cause"],
                    "whys": [{"text": why} for why in value["whys"]],
                    "actions": [{"text": action} for action in value["actions"]],
                }
        return {"type": FactorType.SUCCESS_FACTOR}

    def clean(self):
        data = super().clean()
        if not self.cleaned_items("whys") and "why-1-text" not in self.errors:
            self.add_error(
                "why-1-text", "Enter at least one why: why did this help, or get in the way?"
            )
        return data

    def apply(self, draft):
        data = self.cleaned_data
        value = {
            "type": data["type"],
            "statement": data["statement"],
            "whys": [item["text"] for item in self.cleaned_items("whys")],
            "root_cause": data["root_cause"],
            "actions": [item["text"] for item in self.cleaned_items("actions")],
        }
        blocks = list(draft.factors.raw_data)
        if any(block.get("id") == self.block_id for block in blocks):
            blocks = [
                {**block, "value": value} if block.get("id") == self.block_id else block
                for block in blocks
            ]
        else:
            self.block_id = str(uuid.uuid4())
            blocks.append({"type": "factor", "value": value, "id": self.block_id})
        draft.factors = blocks


class EvidenceForm(ListForm):
    lists = {"links": ("link", MAX_EVIDENCE)}

    def item_fields(self, name, n):
        which = f"evidence link {n}"
        return {
            f"link-{n}-title": _in_a_list(
                forms.CharField(
                    label="Title",
                    max_length=255,
                    help_text="For example “Bed-state report, March 2025”.",
                    error_messages={
                        "max_length": f"Title of {which} must be 255 characters or fewer"
                    },
                ),
                required_message=f"Enter the title of {which}",
            ),
            f"link-{n}-url": _in_a_list(
                forms.URLField(
                    label="Address",
                    max_length=2000,
                    assume_scheme="https",
                    help_text="A full web address, starting with https:// or http://",
                    error_messages={
                        "invalid": (
                            f"Enter the address of {which} as a full web address, "
                            "like https://example.org/report"
                        ),
                        "max_length": f"Address of {which} must be 2,000 characters or fewer",
                    },
                ),
                required_message=f"Enter the address of {which}",
            ),
        }

    def initial_from(self, draft):
        return {
            "links": [
                {"title": block.value["title"], "url": block.value["url"]}
                for block in draft.evidence
            ]
        }

    def clean(self):
        data = super().clean()
        self.require_in_filled_items("links")
        for n in range(1, self.counts["links"] + 1):
            title, url = data.get(f"link-{n}-title"), data.get(f"link-{n}-url")
            if not (title and url):
                continue
            try:  # the link block's own rules (http and https only), as the admin applies them
                LinkBlock().clean({"title": title, "url": url})
            except StructBlockValidationError as error:
                for field, problem in error.block_errors.items():
                    message = " ".join(problem.messages)
                    self.add_error(f"link-{n}-{field}", f"Evidence link {n}: {message}")
        return data

    def apply(self, draft):
        draft.evidence = [
            {"type": "link", "value": {"title": item["title"], "url": item["url"]}}
            for item in self.cleaned_items("links")
        ]


# Maturity outcomes and themes


def _outcome_choices():
    grouped = {}
    for dimension in Dimension.objects.select_related("framework"):
        grouped.setdefault(dimension.framework.title, []).append(
            (dimension.code, f"{dimension.short_title}: {dimension.title}")
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
            "network": str(draft.network_id) if draft.network_id else WHOLE_SITE,
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
        draft.visibility = self.cleaned_data["visibility"]

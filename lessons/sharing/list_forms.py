"""The steps of the guided form that hold lists: the team, success factors and barriers with
their whys and actions, evidence links. Each list grows and shrinks with "Add another" and
"Remove" buttons that work without JavaScript (ListForm)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError

from wagtail.blocks import StructBlockValidationError

from core.blocks import LinkBlock
from core.numbers import WholeNumberField, parse_whole_number
from core.text import lines, one_line
from core.vocabulary import (
    MAX_YEARS_EXPERIENCE,
)
from lessons.blocks import FactorBlock
from lessons.models import TeamMember, in_order
from lessons.sharing.forms import MAX_STORY, StepForm
from lessons.vocabulary import MAX_WHYS, FactorType

MAX_TEAM = 20
MAX_ACTIONS = 10
MAX_EVIDENCE = 20
NEW_FACTOR_WHYS = 3
INCOMPLETE = "This page was sent incomplete: check your answers and save again"


class ListForm(StepForm):
    """A form with lists of items. `lists` names each list: {name: (prefix, maximum)}; each
    item's answers are `<prefix>-<n>-<field>` in the data, and `<prefix>-count` says how many
    items the page showed. Pressing "Add another" or "Remove" is a change of shape, not a
    save: `reshaped()` gives the same page, as typed, with one item more or fewer."""

    lists = {}

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # The page's own numbers (each list's count, the item a "Remove" button names), read
        # by core/numbers.py. One that is sent but is no whole number leaves the page
        # unreadable: a form error, never a guess that could drop what was typed.
        self.unreadable = False
        self.counts = {name: self._count(name, data) for name in self.lists}
        self.removed = {
            name: self._sent_number(data, f"remove-{prefix}")
            for name, (prefix, _) in self.lists.items()
        }
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
            count = self._sent_number(data, f"{prefix}-count") or 0
        return max(1, min(count, maximum))

    def _sent_number(self, data, key):
        """The whole number the page sent as `key`, or None if it sent none."""
        sent = "" if data is None else data.get(key, "")
        if sent == "":
            return None
        number = parse_whole_number(sent)
        if number is None:
            self.unreadable = True
        return number

    def item_fields(self, name, n):
        """The fields of item n of a list: {"<prefix>-<n>-<field>": field}."""
        raise NotImplementedError

    def _keys(self, name):
        prefix, _ = self.lists[name]
        return [key.split("-", 2)[2] for key in self.item_fields(name, 1)]

    def change_of_shape(self):
        """(list name, "add" or the number of the item to remove), or None."""
        if not self.is_bound or self.unreadable:
            return None
        for name, (prefix, _) in self.lists.items():
            if f"add-{prefix}" in self.data:
                return name, "add"
            if self.removed[name] is not None:
                return name, self.removed[name]
        return None

    def clean(self):
        if self.unreadable:
            raise ValidationError(INCOMPLETE, code="incomplete")
        return super().clean()

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


def link_fields(prefix, n, which, title_example):
    """A titled web link in a list (evidence, sources): its title and its address, with
    messages that name `which` ("evidence link 2")."""
    return {
        f"{prefix}-{n}-title": _in_a_list(
            forms.CharField(
                label="Title",
                max_length=255,
                validators=[one_line(f"Title of {which}")],
                help_text=f"For example “{title_example}”.",
                error_messages={"max_length": f"Title of {which} must be 255 characters or fewer"},
            ),
            required_message=f"Enter the title of {which}",
        ),
        f"{prefix}-{n}-url": _in_a_list(
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


class TeamForm(ListForm):
    lists = {"team": ("member", MAX_TEAM)}

    def item_fields(self, name, n):
        who = f"team member {n}"
        return {
            f"member-{n}-role": _in_a_list(
                forms.CharField(
                    label="Role",
                    max_length=255,
                    validators=[one_line(f"Role of {who}")],
                    help_text="For example “Ward sister” or “Clinical librarian”.",
                    error_messages={"max_length": f"Role of {who} must be 255 characters or fewer"},
                ),
                required_message=f"Enter the role of {who}",
            ),
            f"member-{n}-years_experience": _in_a_list(
                WholeNumberField(
                    label="Years of experience",
                    maximum=MAX_YEARS_EXPERIENCE,
                    named=f"Years of experience of {who}",
                    help_text=f"In this kind of work, from 0 to {MAX_YEARS_EXPERIENCE}.",
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
        draft.team_members = in_order(
            [
                TeamMember(
                    role=item["role"],
                    years_experience=item["years_experience"],
                    specialisms="\n".join(lines(item["specialisms"] or "")),
                    training="\n".join(lines(item["training"] or "")),
                )
                for item in self.cleaned_items("team")
            ]
        )


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
        validators=[one_line()],
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
        return {}  # no radio chosen for them (NHS.UK radios: never pre-select)

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
        return link_fields("link", n, f"evidence link {n}", "Bed-state report, March 2025")

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

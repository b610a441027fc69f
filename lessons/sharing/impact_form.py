"""The impact step of the guided form: asked of case studies, offered to every other kind.

The figures, who benefited, the kinds of impact, a vignette for a busy reader, a quote, and the
sources that corroborate it (a list that grows with "Add another", as evidence links do)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from wagtail.blocks import StructBlockValidationError

from core.blocks import LinkBlock
from core.numbers import WholeNumberField
from core.text import one_line
from lessons.models import LessonPage
from lessons.models.impact import figure, figure_text
from lessons.sharing.forms import MAX_STORY
from lessons.sharing.list_forms import ListForm, link_fields
from lessons.vocabulary import (
    MAX_DECISIONS_INFORMED,
    MAX_HOURS_SAVED,
    MAX_MONEY_SAVED_GBP,
    MAX_QUOTE,
    MAX_VIGNETTE,
    Kind,
)

MAX_SOURCES = 20


class FigureField(forms.Field):
    """A figure from 0 to `maximum` with at most two decimal places ("1,200.50" and "£300"
    too), with one message that names the field."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, *, maximum, **kwargs):
        self.maximum = maximum
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.message = (
            f"{self.label} must be a number from 0 to {maximum:,}, with at most two decimal places"
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace(",", "").removeprefix("£")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(self.message, code="invalid") from None
        if not number.is_finite() or not 0 <= number <= self.maximum:
            raise ValidationError(self.message, code="invalid")
        if number != figure(number):
            raise ValidationError(self.message, code="invalid")
        return figure(number)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return value


def _model_field(name, **kwargs):
    return LessonPage._meta.get_field(name).formfield(**kwargs)


class ImpactForm(ListForm):
    lists = {"sources": ("source", MAX_SOURCES)}

    impact_beneficiaries = _model_field("impact_beneficiaries", label="Who benefited?")
    impact_types = _model_field("impact_types", label="What kind of difference did it make?")
    impact_hours_saved = FigureField(
        label="Hours of staff time saved",
        maximum=MAX_HOURS_SAVED,
        help_text="The “gift of time”: the hours given back, for example 30 or 12.5.",
    )
    impact_money_saved_gbp = FigureField(
        label="Money saved (£)",
        maximum=MAX_MONEY_SAVED_GBP,
        help_text="For example 4000.",
    )
    impact_decisions_informed = WholeNumberField(
        label="Decisions informed",
        required=False,
        maximum=MAX_DECISIONS_INFORMED,
        help_text="How many decisions the evidence or knowledge informed.",
    )
    impact_outcome = forms.CharField(
        label="What changed, and for whom",
        required=False,
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    impact_vignette = forms.CharField(
        label="Impact vignette",
        required=False,
        max_length=MAX_VIGNETTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"The story for a busy reader, in at most {MAX_VIGNETTE} characters.",
        error_messages={
            "max_length": f"Impact vignette must be {MAX_VIGNETTE} characters or fewer"
        },
    )
    impact_quote = forms.CharField(
        label="A quote (optional)",
        required=False,
        max_length=MAX_QUOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What someone said about the difference it made.",
        error_messages={"max_length": f"The quote must be {MAX_QUOTE} characters or fewer"},
    )
    impact_quote_speaker = forms.CharField(
        label="Who said it",
        required=False,
        max_length=255,
        validators=[one_line("Who said it")],
        help_text="Their name and role, as they agreed to be quoted.",
    )

    SIMPLE = (
        "impact_beneficiaries",
        "impact_types",
        "impact_hours_saved",
        "impact_money_saved_gbp",
        "impact_decisions_informed",
        "impact_outcome",
        "impact_vignette",
        "impact_quote",
        "impact_quote_speaker",
    )

    @property
    def asked(self):
        """Case studies are asked for their impact; other kinds are offered the step."""
        return self.draft.kind == Kind.CASE_STUDY

    def item_fields(self, name, n):
        return link_fields("source", n, f"source {n}", "Letter from the medical director, May 2025")

    def initial_from(self, draft):
        initial = {name: getattr(draft, name) for name in self.SIMPLE}
        initial["sources"] = [
            {"title": block.value["title"], "url": block.value["url"]}
            for block in draft.impact_corroboration
        ]
        return initial

    def clean(self):
        data = super().clean()
        self.require_in_filled_items("sources")
        quote, speaker = data.get("impact_quote", ""), data.get("impact_quote_speaker", "")
        if quote and not speaker and "impact_quote_speaker" not in self.errors:
            self.add_error("impact_quote_speaker", "Enter who said the quote")
        if speaker and not quote and "impact_quote" not in self.errors:
            self.add_error("impact_quote", "Enter the quote, or remove who said it")
        for n in range(1, self.counts["sources"] + 1):
            title, url = data.get(f"source-{n}-title"), data.get(f"source-{n}-url")
            if not (title and url):
                continue
            try:
                LinkBlock().clean({"title": title, "url": url})
            except StructBlockValidationError as error:
                for field, problem in error.block_errors.items():
                    message = " ".join(problem.messages)
                    self.add_error(f"source-{n}-{field}", f"Source {n}: {message}")
        return data

    def apply(self, draft):
        for name in self.SIMPLE:
            setattr(draft, name, self.cleaned_data[name])
        draft.impact_corroboration = [
            {"type": "link", "value": {"title": item["title"], "url": item["url"]}}
            for item in self.cleaned_items("sources")
        ]


def impact_answers(draft):
    """(question, answer) for each part of the impact given, for "Check your answers"."""
    answers = [
        (label, prefix + figure_text(value))
        for label, prefix, value in (
            ("Hours saved", "", draft.impact_hours_saved),
            ("Money saved", "£", draft.impact_money_saved_gbp),
            ("Decisions informed", "", draft.impact_decisions_informed),
        )
        if value is not None
    ]
    quote = draft.impact_quote and f"“{draft.impact_quote}” ({draft.impact_quote_speaker})"
    for key, value in (
        ("Who benefited", ", ".join(draft.impact_labels("impact_beneficiaries"))),
        ("Kinds of impact", ", ".join(draft.impact_labels("impact_types"))),
        ("What changed", draft.impact_outcome),
        ("Impact vignette", draft.impact_vignette),
        ("Quote", quote),
    ):
        if value:
            answers.append((key, value))
    answers += [
        (f"Source {n}", f"{block.value['title']}\n{block.value['url']}")
        for n, block in enumerate(draft.impact_corroboration, 1)
    ]
    return answers

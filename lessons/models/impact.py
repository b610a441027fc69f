"""What a lesson changed and for whom: its impact (lessons/v1 `impact`).

Meant for case studies and allowed on any kind. The figures are columns of the lesson itself,
so that totals and breakdowns (by year, region, organisation type, network, maturity outcome)
are one aggregate over the lessons a reader may read; beneficiaries and impact types are lists
of codes, counted as search facets.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField

from core.blocks import LinkBlock
from core.text import MaxLineLengthValidator
from core.vocabulary import LINE_MAX_LENGTH
from lessons.vocabulary import (
    MAX_DECISIONS_INFORMED,
    MAX_HOURS_SAVED,
    MAX_MONEY_SAVED_GBP,
    MAX_QUOTE,
    MAX_VIGNETTE,
    Beneficiary,
    ImpactType,
)

# The figures keep pennies and hundredths of an hour.
FIGURE_PLACES = Decimal("0.01")


class ChoiceListField(models.JSONField):
    """A list of codes from one vocabulary, kept in the order of the vocabulary. The admin and
    the share form show it as checkboxes; a code outside the vocabulary is refused."""

    def __init__(self, *args, vocabulary=None, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs

    def formfield(self, **kwargs):
        options = {
            "label": self.verbose_name.capitalize(),
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        options.update({k: v for k, v in kwargs.items() if k in options})
        return forms.TypedMultipleChoiceField(
            choices=self.vocabulary.choices,
            required=False,
            error_messages={"invalid_choice": "choose from the list"},
            **options,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or [] if code not in self.vocabulary.values]
        if unknown:
            raise forms.ValidationError(
                f"{self.verbose_name.capitalize()}: “{unknown[0]}” is not one of the choices."
            )

    def in_order(self, codes):
        return [code for code in self.vocabulary.values if code in set(codes or [])]


def figure(value):
    """A figure as the model keeps it: a Decimal to two places, or None."""
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(FIGURE_PLACES)


def as_number(value):
    """A kept figure as lessons/v1 writes it: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def figure_text(value):
    """A figure for reading: thousands separated, no needless decimals (1,200 and 30.5)."""
    if value is None:
        return ""
    number = as_number(Decimal(value))
    return f"{number:,}" if isinstance(number, int) else f"{number:,.2f}".rstrip("0")


class Impact(models.Model):
    impact_beneficiaries = ChoiceListField(
        "who benefited", vocabulary=Beneficiary, help_text="Everyone the change reached."
    )
    impact_types = ChoiceListField(
        "kinds of impact", vocabulary=ImpactType, help_text="What kind of difference it made."
    )
    impact_decisions_informed = models.PositiveIntegerField(
        "decisions informed",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DECISIONS_INFORMED)],
        help_text="How many decisions the evidence or knowledge informed.",
    )
    impact_hours_saved = models.DecimalField(
        "hours saved",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURS_SAVED)],
        help_text="Staff time given back (“the gift of time”), in hours.",
    )
    impact_money_saved_gbp = models.DecimalField(
        "money saved (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MONEY_SAVED_GBP)],
        help_text="In pounds.",
    )
    impact_outcome = models.TextField(
        "what changed", blank=True, help_text="What changed, and for whom."
    )
    impact_vignette = models.TextField(
        "impact vignette",
        max_length=MAX_VIGNETTE,
        blank=True,
        help_text=f"The story for a busy reader, in at most {MAX_VIGNETTE} characters.",
    )
    impact_quote = models.TextField(
        "quote", max_length=MAX_QUOTE, blank=True, help_text="What someone said about it."
    )
    impact_quote_speaker = models.CharField(
        "who said it",
        max_length=LINE_MAX_LENGTH,
        blank=True,
        validators=[MaxLineLengthValidator(LINE_MAX_LENGTH)],
        help_text="Their name and role.",
    )
    impact_corroboration = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name="sources that corroborate it",
        help_text="Reports, letters or data that confirm the impact.",
    )

    impact_panels = [
        HelpPanel(
            content=(
                "<p>Case studies show their impact; any lesson may. Give the figures you can "
                "stand behind, and the sources that corroborate them.</p>"
            )
        ),
        FieldRowPanel([FieldPanel("impact_beneficiaries"), FieldPanel("impact_types")]),
        FieldRowPanel(
            [
                FieldPanel("impact_decisions_informed"),
                FieldPanel("impact_hours_saved"),
                FieldPanel("impact_money_saved_gbp"),
            ]
        ),
        FieldPanel("impact_outcome"),
        FieldPanel("impact_vignette"),
        MultiFieldPanel(
            [FieldPanel("impact_quote"), FieldPanel("impact_quote_speaker")], heading="Quote"
        ),
        FieldPanel("impact_corroboration"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.impact_quote.strip()) != bool(self.impact_quote_speaker.strip()):
            missing = "impact_quote_speaker" if self.impact_quote.strip() else "impact_quote"
            raise forms.ValidationError({missing: "A quote needs both its words and who said it."})

    @property
    def has_impact(self):
        return any(
            (
                self.impact_beneficiaries,
                self.impact_types,
                self.impact_decisions_informed is not None,
                self.impact_hours_saved is not None,
                self.impact_money_saved_gbp is not None,
                self.impact_outcome,
                self.impact_vignette,
                self.impact_quote,
                self.impact_corroboration,
            )
        )

    def impact_labels(self, name):
        """The labels of a list of codes (beneficiaries or impact types), in vocabulary order."""
        field = self._meta.get_field(name)
        labels = dict(field.vocabulary.choices)
        return [labels[code] for code in field.in_order(getattr(self, name))]

"""The forms of a round's return and of the benchmark's choices. Each message names its field."""

from decimal import Decimal

from django import forms

from core.numbers import WholeNumberChoiceField

from .benchmark import FILTERS

MAX_VALUE = Decimal("999999999")


class StatisticsReturnForm(forms.Form):
    """A value for each of the round's metrics."""

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.metrics = list(round.metrics.all())
        for metric in self.metrics:
            self.fields[metric.key] = forms.DecimalField(
                label=metric.name,
                help_text=metric.description
                + (
                    " Give the total: we divide it by your workforce size."
                    if metric.per_thousand_workforce
                    else ""
                ),
                min_value=0,
                max_value=MAX_VALUE,
                max_digits=12,
                decimal_places=2,
                error_messages={
                    "required": f"Enter {metric.name.lower()}",
                    "invalid": f"{metric.name}: enter a number, like 12 or 12.5",
                    "min_value": f"{metric.name} cannot be less than 0",
                    "max_value": f"{metric.name} must be at most {MAX_VALUE:,}",
                    "max_digits": f"{metric.name}: enter at most 12 digits",
                    "max_decimal_places": f"{metric.name}: enter at most 2 decimal places",
                },
            )
            # A text box, as the NHS.UK design system asks for numbers (no spinner).
            self.fields[metric.key].widget = forms.TextInput(
                attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}
            )

    def values(self):
        return {metric: self.cleaned_data[metric.key] for metric in self.metrics}


class FrameworkReturnForm(forms.Form):
    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"] = WholeNumberChoiceField(
            queryset=assessments,
            label="Which closed assessment of the whole organisation is your return?",
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose the assessment that is your return",
                "invalid_choice": "Choose one of the closed assessments listed",
            },
        )


class BenchmarkForm(forms.Form):
    """Which publication, and one filter at a time."""

    round = WholeNumberChoiceField(
        queryset=None,
        label="Round",
        required=False,
        error_messages={"invalid_choice": "Choose one of the published rounds"},
    )
    by = forms.ChoiceField(
        label="Compare by",
        choices=[("region", "Region"), ("organisation_type", "Organisation type")],
        required=False,
        error_messages={"invalid_choice": "Compare by region or by organisation type"},
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds

    def clean_by(self):
        by = self.cleaned_data["by"] or "region"
        assert by in FILTERS
        return by

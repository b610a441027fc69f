"""Dates given by a person: the NHS.UK date input (day, month and year in three boxes), one
field for every form that asks for a date, with messages that name the field as NHS.UK's say
("Date you started must include a month", "… must be a real date")."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.numbers import parse_whole_number

EARLIEST_YEAR = 1950


class DatePartsWidget(forms.MultiWidget):
    """The NHS.UK date input: day, month and year in three boxes, each with its own label
    (`templates/includes/widgets/date_parts.html`; `includes/form_field.html` puts them in a
    fieldset whose legend is the question)."""

    template_name = "includes/widgets/date_parts.html"

    def __init__(self, attrs=None):
        boxes = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)]
        super().__init__(boxes, attrs)

    def value_from_datadict(self, data, files, name):
        boxes = super().value_from_datadict(data, files, name)
        if any(box is not None for box in boxes) or name not in data:
            return boxes
        # A date sent as one value, by a form from before the three boxes (a page opened
        # before an upgrade): day/month/year, or year-month-day.
        parts = re.split(r"[/.\-\s]+", data[name].strip())
        if len(parts) != 3:
            return [data[name], "", ""]
        return parts[::-1] if len(parts[0]) == 4 else parts

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def _render(self, template_name, context, renderer=None):
        # The site's templates, not Django's form renderer's (which knows only its own).
        return mark_safe(render_to_string(template_name, context))


class DatePartsField(forms.MultiValueField):
    """A date from the three boxes. `named` is how messages name the field ("Date you
    started"), the label unless given; an empty required field says `error_messages["required"]`.
    The year is from 1950 to five years ahead; a field that must not be in the future says so
    in its model's validation."""

    widget = DatePartsWidget

    def __init__(self, *, named=None, required=False, **kwargs):
        parts = [forms.CharField(required=False, max_length=4) for _ in range(3)]
        super().__init__(parts, require_all_fields=False, required=required, **kwargs)
        self.named = named

    def compress(self, values):
        if not values or not any(values):
            return None
        named = self.named or self.label
        day, month, year = (value.strip() for value in values)
        if not (day and month and year):
            missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
            raise ValidationError(
                f"{named} must include a {' and a '.join(missing)}", code="incomplete_date"
            )
        # ASCII digits only (core/numbers.py; int() reads "٣" as 3); a part that is no whole
        # number is 0, which no date has.
        try:
            date = datetime.date(*(parse_whole_number(part) or 0 for part in (year, month, day)))
        except ValueError:
            raise ValidationError(
                f"{named} must be a real date, for example 15 3 2025", code="invalid_date"
            ) from None
        latest = datetime.date.today().year + 5
        if not EARLIEST_YEAR <= date.year <= latest:
            raise ValidationError(
                f"{named} must have a year between {EARLIEST_YEAR} and {latest}",
                code="invalid_date",
            )
        return date

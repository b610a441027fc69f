"""Whole numbers given by a person or a URL: ASCII digits only, within the range that every
database the site runs on can store. Every form field and URL that takes a count, a year or an
id asks this module, so "²", "٣", 5000 digits or 99999999999999999999999 are refused in words
(a form) or answer 404 (a URL), never 500.

In an address, write `<id:name>` (WholeNumberConverter, registered as "id" below, when core's
app config imports this module): Django's `int` matches any run of digits and hands 10**30 to
the database, where SQLite raises OverflowError. Routable pages' `@path` routes use the same
converters."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import register_converter

# PostgreSQL's `integer`, the narrowest integer column the models use for ids and counts.
DATABASE_MAX = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_whole_number(value, *, minimum=0, maximum=DATABASE_MAX):
    """The whole number `value` spells in ASCII digits (surrounding spaces allowed), or None
    for anything else: signs, other scripts' digits, decimals, or a number out of range."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if minimum <= number <= maximum else None


class WholeNumberField(forms.Field):
    """A form field for a whole number from `minimum` to `maximum`, with one message that names
    the field (NHS.UK error messages say what to enter, and where): `named` is how the message
    names it, the label unless given (a label may end in "(optional)")."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def __init__(self, *, minimum=0, maximum=DATABASE_MAX, named=None, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(**kwargs)
        self.message = f"{named or self.label} must be a whole number from {minimum} to {maximum}"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_whole_number(value, minimum=self.minimum, maximum=self.maximum)
        if number is None:
            raise ValidationError(self.message, code="invalid")
        return number


class WholeNumberChoiceField(forms.ModelChoiceField):
    """A model chosen by its id: anything but a whole number the database can hold is no
    choice (a huge number would otherwise reach the database and fail there)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_whole_number(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class WholeNumbersChoiceField(forms.ModelMultipleChoiceField):
    """Models chosen by their ids, as WholeNumberChoiceField for one: anything but whole
    numbers the database can hold is no choice."""

    def _check_values(self, value):
        for pk in value:
            if parse_whole_number(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class WholeNumberConverter:
    """The `id` path converter: a whole number the database can hold. Anything else does not
    match, so the address answers 404 before any view or query runs."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = parse_whole_number(value)
        if number is None:
            raise ValueError(f"not a whole number from 0 to {DATABASE_MAX}")
        return number

    def to_url(self, value):
        return str(value)


register_converter(WholeNumberConverter, "id")

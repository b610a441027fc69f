"""Small text helpers shared by every app."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible

# Control characters (C0 with tab, carriage return and line feed; DEL; C1) and Unicode's line
# and paragraph separators: a one-line field (a title, a role, a setting) holds none of them.
# A carriage return in a lesson's title would otherwise reach the reviewers' email subject.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ONE_LINE = "Use one line, without line breaks, tabs or other control characters"


def without_control_characters(text):
    """The text with each control character as a space, and nothing else changed (what the
    importer keeps of a one-line field: a title of one space stays one, to be refused as it
    always was)."""
    return CONTROL_CHARACTERS.sub(" ", text or "")


def as_one_line(text):
    """The text on one line: control characters as spaces, runs of spaces as one, stripped
    (every email's subject)."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())


@deconstructible
class OneLineValidator:
    """Refuses control characters in a one-line form field. Its message names the field:
    `named` for an item of a list, whose label is shared; otherwise the site's error tags put
    the field's label in front (the code is one of their general codes)."""

    code = "one_line"

    def __init__(self, named=None):
        self.named = named

    def __call__(self, value):
        if CONTROL_CHARACTERS.search(str(value)):
            if self.named:
                message = f"{self.named} must be one line, without line breaks or tabs"
                raise ValidationError(message, code="one_line_named")
            raise ValidationError(ONE_LINE, code=self.code)

    def __eq__(self, other):
        return isinstance(other, OneLineValidator) and other.named == self.named


def one_line(named=None):
    """A validator for a one-line form field (see OneLineValidator)."""
    return OneLineValidator(named)


def lines(text):
    """The non-blank lines of a multi-line text field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@deconstructible
class MaxLineLengthValidator(BaseValidator):
    """For fields written one item per line (a team member's specialisms): no item longer
    than the limit, as lessons/v1 allows for each item."""

    message = (
        "Keep each line to %(limit_value)s characters or fewer (the longest has %(show_value)s)."
    )
    code = "max_line_length"

    def compare(self, longest, limit):
        return longest > limit

    def clean(self, value):
        return max((len(line) for line in lines(value)), default=0)

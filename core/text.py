"""Small text helpers shared by every app."""

from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible


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

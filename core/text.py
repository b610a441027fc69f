"""Small text helpers shared by every app."""


def lines(text):
    """The non-blank lines of a multi-line text field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def whole_number(text):
    """A whole number (0 or more) typed by a person, or None. Only ASCII digits count:
    "²".isdigit() is true but int("²") raises, and int("٣") is 3, which no one meant."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None

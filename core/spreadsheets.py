"""Text a spreadsheet shows as typed: a cell a spreadsheet would read as a formula gets a
quote first. Every CSV or Excel export of what people typed asks it."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

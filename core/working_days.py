"""Working days in England and Wales: Monday to Friday, not a bank holiday. Reviews promise an
answer within settings.LESSON_REVIEW_DAYS working days, and the reminders count them here.

The bank holidays are data, copied from GOV.UK's list for England and Wales
(https://www.gov.uk/bank-holidays, also as https://www.gov.uk/bank-holidays.json), substitute
days included. Add each new year when GOV.UK publishes it; `COVERED_UNTIL` says how far the
list goes, and dates after it count only weekends.
"""

import datetime

BANK_HOLIDAYS = frozenset(
    datetime.date.fromisoformat(day)
    for day in (
        # 2024
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
        "2024-12-25", "2024-12-26",
        # 2025
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
        "2025-12-25", "2025-12-26",
        # 2026 (Boxing Day is a Saturday: the substitute day is Monday 28 December)
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
        "2026-12-25", "2026-12-28",
        # 2027 (Christmas Day and Boxing Day fall at the weekend: substitutes 27 and 28 Dec)
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
        "2027-12-27", "2027-12-28",
    )
)  # fmt: skip
COVERED_UNTIL = datetime.date(2027, 12, 31)


def is_working_day(day):
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def add_working_days(day, count):
    """The date `count` working days after `day` (the day itself not counted)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day

"""Words every part of the site shares: organisation types, regions, scales, who may see
something, and the 0–4 maturity level scale. Defined once; lessons/v1 uses the same codes."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, RegexValidator
from django.db import models

from core.numbers import parse_whole_number


class OrganisationType(models.TextChoices):
    ACUTE_TRUST = "acute_trust", "Acute trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    COMMUNITY_TRUST = "community_trust", "Community trust"
    AMBULANCE_TRUST = "ambulance_trust", "Ambulance trust"
    SPECIALIST_TRUST = "specialist_trust", "Specialist trust"
    PRIMARY_CARE = "primary_care", "Primary care"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    SOCIAL_CARE = "social_care", "Social care"
    NATIONAL_BODY = "national_body", "National body"
    ACADEMIC = "academic", "Academic"
    CHARITY = "charity", "Charity"
    OTHER = "other", "Other"


class Region(models.TextChoices):
    NORTH_EAST_AND_YORKSHIRE = "north_east_and_yorkshire", "North East and Yorkshire"
    NORTH_WEST = "north_west", "North West"
    MIDLANDS = "midlands", "Midlands"
    EAST_OF_ENGLAND = "east_of_england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    NATIONAL = "national", "National"


class Scale(models.TextChoices):
    TEAM = "team", "A team"
    DEPARTMENT = "department", "A department"
    ORGANISATION = "organisation", "A whole organisation"
    SYSTEM = "system", "A health and care system"
    NATIONAL = "national", "National"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Members of the network only"


# One line of text: a title, a role, a setting, one specialism.
LINE_MAX_LENGTH = 255

MAX_YEARS_EXPERIENCE = 60
# A team's years of experience added together, where only the total is asked for.
MAX_TEAM_YEARS = 600
# How many people a team has, where only the number is asked for.
MAX_TEAM_SIZE = 500

# The web address (slug) of a lesson or network, and a maturity dimension's code, as lessons/v1
# writes them: lower-case letters and digits in words joined by single hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 100
validate_slug = RegexValidator(
    SLUG_PATTERN,
    "Use lower-case letters and digits only, in words joined by single hyphens "
    "(for example “discharge-huddles”).",
    code="invalid_slug",
)
SLUG_VALIDATORS = [validate_slug, MaxLengthValidator(SLUG_MAX_LENGTH)]


def slug_errors(slug):
    """What stops lessons/v1 from carrying this slug, in words; empty if nothing. Pages that
    export (lessons, networks) check their slug with it, so what the editor saves exports."""
    messages = []
    for validator in SLUG_VALIDATORS:
        try:
            validator(slug)
        except ValidationError as error:
            messages += error.messages
    return messages


# The maturity level scale shared by every framework: 0 (not yet developed) to 4.
LEVELS = range(0, 5)
LEVEL_CHOICES = [(number, f"Level {number}") for number in LEVELS]


def parse_level(text):
    """A level from user input, or None."""
    return parse_whole_number(text, minimum=min(LEVELS), maximum=max(LEVELS))


class LevelField(models.PositiveSmallIntegerField):
    """A maturity level, 0–4, with the shared choices and validation."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", LEVEL_CHOICES)
        kwargs.setdefault("validators", [MaxValueValidator(max(LEVELS))])
        super().__init__(*args, **kwargs)

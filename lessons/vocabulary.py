"""The controlled vocabularies of the lessons/v1 contract, and the questions each kind asks."""

from django.db import models


class Kind(models.TextChoices):
    LESSON = "lesson", "Lesson learned"
    CASE_STUDY = "case_study", "Case study"
    BEFORE_ACTION_REVIEW = "before_action_review", "Before action review"
    AFTER_ACTION_REVIEW = "after_action_review", "After action review"
    RETROSPECT = "retrospect", "Retrospect"


# The headings under which each kind tells its story: (intended, what_happened, outcome).
# Reviews follow the standard question sets of before/after action reviews and retrospects.
QUESTIONS = {
    Kind.LESSON: (
        "What we set out to do",
        "What happened",
        "The outcome and how we measured it",
    ),
    Kind.CASE_STUDY: (
        "The challenge",
        "What we did",
        "The impact",
    ),
    Kind.BEFORE_ACTION_REVIEW: (
        "What are our intended results and measures?",
        "What challenges can we foresee, and what have we or others learned in similar situations?",
        "What will make the biggest difference this time?",
    ),
    Kind.AFTER_ACTION_REVIEW: (
        "What was meant to happen?",
        "What actually happened?",
        "Why were there differences, and what will we do differently?",
    ),
    Kind.RETROSPECT: (
        "What were the objectives?",
        "What was and was not achieved, and why?",
        "What went well, and what would we do differently?",
    ),
}


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


class FactorType(models.TextChoices):
    SUCCESS_FACTOR = "success_factor", "Success factor"
    BARRIER = "barrier", "Barrier"


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


MAX_WHYS = 7
MAX_YEARS_EXPERIENCE = 60

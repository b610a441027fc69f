"""The vocabulary of lessons: their kinds, the questions each kind asks, factor types.

Words shared with the rest of the site (organisation types, regions, scales) are in core."""

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


class FactorType(models.TextChoices):
    SUCCESS_FACTOR = "success_factor", "Success factor"
    BARRIER = "barrier", "Barrier"


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


MAX_WHYS = 7


class Relation(models.TextChoices):
    """How a champion's lesson relates to an earlier one (lessons/v1 `related[].relation`)."""

    BUILDS_ON = "builds_on", "Builds on"
    CONTRASTS_WITH = "contrasts_with", "Contrasts with"


class Result(models.TextChoices):
    """What happened where a lesson was applied (lessons/v1 `applications[].result`)."""

    WORKED = "worked", "It worked"
    PARTLY = "partly", "It partly worked"
    DID_NOT_WORK = "did_not_work", "It did not work"
    TOO_EARLY = "too_early", "Too early to tell"


# A result that teaches something. A lesson applied somewhere with one of these is *learned*
# (as NATO counts it: a change made and its effect known); "too early to tell" is not yet one.
REPORTED_RESULTS = (Result.WORKED, Result.PARTLY, Result.DID_NOT_WORK)


class Beneficiary(models.TextChoices):
    """Who a lesson's impact reached (lessons/v1 `impact.beneficiaries`)."""

    PATIENTS = "patients", "Patients"
    CARERS = "carers", "Carers and families"
    CLINICAL_TEAMS = "clinical_teams", "Clinical teams"
    MANAGERS = "managers", "Managers"
    BOARD = "board", "The Board"
    COMMISSIONERS = "commissioners", "Commissioners"
    PUBLIC = "public", "The public"
    OTHER = "other", "Others"


class ImpactType(models.TextChoices):
    """What kind of difference it made (lessons/v1 `impact.impact_types`)."""

    PATIENT_CARE = "patient_care", "Patient care"
    PATIENT_SAFETY = "patient_safety", "Patient safety"
    TIME_SAVED = "time_saved", "Time saved"
    MONEY_SAVED = "money_saved", "Money saved"
    DECISION_MAKING = "decision_making", "Decision making"
    POLICY_OR_GUIDELINE = "policy_or_guideline", "Policy or guideline"
    EDUCATION_AND_CPD = "education_and_cpd", "Education and CPD"
    RESEARCH = "research", "Research"
    SERVICE_CHANGE = "service_change", "Service change"
    OTHER = "other", "Other"


# lessons/v1's limits on the impact figures and texts.
MAX_DECISIONS_INFORMED = 1_000_000
MAX_HOURS_SAVED = 1_000_000
MAX_MONEY_SAVED_GBP = 1_000_000_000
MAX_VIGNETTE = 600
MAX_QUOTE = 500

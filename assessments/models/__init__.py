from .assessments import (
    Answer,
    Assessment,
    EvidenceFile,
    EvidenceLink,
    organisations_visible_to,
)
from .organisations import Invitation, Lead, Organisation, Participant, Unit
from .plans import Action, ActionLesson, ActionPlan, Decision, Discussion, Feedback
from .rounds import Metric, Publication, Return, Round, RoundReminder

__all__ = [
    "Action",
    "ActionLesson",
    "ActionPlan",
    "Decision",
    "Discussion",
    "Feedback",
    "Answer",
    "Assessment",
    "EvidenceFile",
    "EvidenceLink",
    "Invitation",
    "Lead",
    "Metric",
    "Organisation",
    "Participant",
    "Publication",
    "Return",
    "Round",
    "RoundReminder",
    "Unit",
    "organisations_visible_to",
]

from .assessments import (
    Answer,
    Assessment,
    EvidenceFile,
    EvidenceLink,
    organisations_visible_to,
)
from .organisations import Invitation, Lead, Organisation, Participant, Unit
from .rounds import Metric, Publication, Return, Round, RoundReminder

__all__ = [
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

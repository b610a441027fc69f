from .assessments import (
    Answer,
    Assessment,
    EvidenceFile,
    EvidenceLink,
    organisations_visible_to,
)
from .organisations import Invitation, Lead, Organisation, Participant, Unit

__all__ = [
    "Answer",
    "Assessment",
    "EvidenceFile",
    "EvidenceLink",
    "Invitation",
    "Lead",
    "Organisation",
    "Participant",
    "Unit",
    "organisations_visible_to",
]

"""The campaigns app's models: /impact/ and the case study of the month (impact_pages.py),
campaigns with their news and materials (campaign_pages.py), and pledges (pledges.py)."""

from campaigns.models.campaign_pages import (
    CampaignCaseStudy,
    CampaignEvent,
    CampaignIndexPage,
    CampaignMaterial,
    CampaignNewsPage,
    CampaignPage,
    Quote,
)
from campaigns.models.impact_pages import (
    CaseStudyNomination,
    ImpactIndexPage,
    KeyMessage,
    MonthlyPick,
    case_study_of_the_month,
    first_of_month,
    past_picks,
    showable_case_studies,
)
from campaigns.models.pledges import (
    Milestone,
    Signature,
    purge_closed,
    signature_count,
    supporters_by_organisation,
)

__all__ = [
    "CampaignCaseStudy",
    "CampaignEvent",
    "CampaignIndexPage",
    "CampaignMaterial",
    "CampaignNewsPage",
    "CampaignPage",
    "CaseStudyNomination",
    "ImpactIndexPage",
    "KeyMessage",
    "Milestone",
    "MonthlyPick",
    "Quote",
    "Signature",
    "case_study_of_the_month",
    "first_of_month",
    "past_picks",
    "purge_closed",
    "showable_case_studies",
    "signature_count",
    "supporters_by_organisation",
]

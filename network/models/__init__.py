"""Networks, their members and profiles, events, resources and maturity reviews."""

from network.models.children import NetworkChildPage
from network.models.events import EventPage, EventSpeaker, EventTheme
from network.models.networks import (
    FacilitatorGroup,
    JoinRequest,
    Membership,
    NetworkIndexPage,
    NetworkPage,
    facilitates,
    networks_joined,
)
from network.models.profiles import Profile, ProfileSpecialism, ProfileTopic, ProfileTraining
from network.models.resources import (
    ResearchSummaryPage,
    ResearchSummaryTheme,
    ResourcePage,
    ResourceTheme,
)
from network.models.reviews import NetworkReview, OutcomeMeasure, ReviewScore
from network.models.roles import RegionalLead, is_regional_lead, leads_for, regions_led_by

__all__ = [
    "EventPage",
    "EventSpeaker",
    "EventTheme",
    "FacilitatorGroup",
    "JoinRequest",
    "Membership",
    "NetworkChildPage",
    "NetworkIndexPage",
    "NetworkPage",
    "facilitates",
    "NetworkReview",
    "OutcomeMeasure",
    "Profile",
    "ProfileSpecialism",
    "ProfileTopic",
    "ProfileTraining",
    "RegionalLead",
    "ResearchSummaryPage",
    "ResearchSummaryTheme",
    "ResourcePage",
    "ResourceTheme",
    "ReviewScore",
    "is_regional_lead",
    "leads_for",
    "networks_joined",
    "regions_led_by",
]

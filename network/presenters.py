"""What a network's pages show a reader: their template context, built from the models' rules.

Context builders live here, above the models and below the views, so that a page model never
imports the other page models it lists (a network lists its events, resources and research
summaries, which live under it and import it). The network page's route reaches this module
through network.views, the models' one hop to view code.
"""

from django.utils import timezone

from accounts.roles import is_site_editor
from network.models import (
    EventPage,
    JoinRequest,
    Membership,
    NetworkReview,
    Profile,
    ResearchSummaryPage,
    ResourcePage,
)
from network.sections import (
    FACILITATOR_CARD,
    NETWORK_PAGE,
    NETWORK_PAGE_ACTIONS,
    feeds_of,
    sections_for,
)

LISTED_EVENTS = 5  # upcoming, and past
# The columns the page's lists show of each page they link to (its address from url_path):
# events as includes/event_item.html shows them, resources and research summaries by title.
LINK_FIELDS = ("title", "url_path")
EVENT_ITEM_FIELDS = (*LINK_FIELDS, "start", "end", "online", "venue")
# What includes/profile_card.html shows of a profile (its address from its id).
PROFILE_CARD_FIELDS = ("user_id", "display_name", "job_role", "organisation")


def network_page_context(request, network):
    """What the network page shows this reader, beyond Wagtail's own page context: its people
    (through the profiles the reader may see), the sections other apps add, and, where the
    network shares its content with the reader, its events, resources and maturity trend."""
    user = request.user
    # Ordered by their people's email addresses (not by the network's title, which is this
    # one's); the people themselves are not read, only the profiles the reader may see.
    memberships = list(network.memberships.order_by("user__email"))
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.visible_to(user)
        .filter(user__in=[m.user_id for m in memberships])
        .only(*PROFILE_CARD_FIELDS)
        .order_by()
    }
    membership = next((m for m in memberships if m.user_id == user.pk), None)
    shared = network.shares_content_with(user, membership)
    # People appear only through profiles the reader may see; leaders to everyone.
    with_profiles = [(m, profiles[m.user_id]) for m in memberships if m.user_id in profiles]
    sections = sections_for(NETWORK_PAGE, request, network)
    is_facilitator = bool(membership and membership.is_facilitator) or is_site_editor(user)
    context = {
        "membership": membership,
        "is_facilitator": is_facilitator,
        "facilitator_items": (
            sections_for(FACILITATOR_CARD, request, network) if is_facilitator else []
        ),
        "shared": shared,
        "member_count": len(memberships),
        "leaders": [
            {"profile": profile, "role": m.get_role_display()}
            for m, profile in with_profiles
            if m.role != Membership.Role.MEMBER
        ],
        "pending_request": (
            membership is None
            and user.is_authenticated
            and network.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).exists()
        ),
        "sections": sections,
        "actions": sections_for(NETWORK_PAGE_ACTIONS, request, network),
        "feeds": feeds_of(sections),
        "members": [profile for _, profile in with_profiles]
        if membership or is_site_editor(user)
        else None,
    }
    if shared:
        now = timezone.now()
        events = EventPage.objects.readable_by(user, shared=[network]).only(*EVENT_ITEM_FIELDS)
        context.update(
            upcoming_events=list(events.filter(end__gte=now).order_by("start")[:LISTED_EVENTS]),
            past_events=list(events.filter(end__lt=now).order_by("-start")[:LISTED_EVENTS]),
            resources=list(
                ResourcePage.objects.readable_by(user, shared=[network])
                .only(*LINK_FIELDS, "kind")
                .order_by("title")
            ),
            research_summaries=list(
                ResearchSummaryPage.objects.readable_by(user, shared=[network])
                .only(*LINK_FIELDS)
                .order_by("title")
            ),
            trend=NetworkReview.trend_for(network),
        )
    return context

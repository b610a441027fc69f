"""What a network's pages show a reader: their template context, built from the models' rules.

Context builders live here, above the models and below the views, so that a page model never
imports the other page models it lists (a network lists its events, resources and research
summaries, which live under it and import it). The network page's route reaches this module
through network.views, the models' one hop to view code.
"""

from django.db.models import ObjectDoesNotExist, Prefetch
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


def network_page_context(request, network):
    """What the network page shows this reader, beyond Wagtail's own page context: its people
    (through the profiles the reader may see), the sections other apps add, and, where the
    network shares its content with the reader, its events, resources and maturity trend."""
    user = request.user
    memberships = list(
        network.memberships.select_related("user").prefetch_related(
            Prefetch("user__profile", queryset=Profile.objects.visible_to(user))
        )
    )
    membership = next((m for m in memberships if m.user_id == user.pk), None)
    shared = network.shares_content_with(user, membership)
    # People appear only through profiles the reader may see; leaders to everyone.
    with_profiles = [m for m in memberships if _visible_profile(m.user) is not None]
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
        "leaders": [m for m in with_profiles if m.role != Membership.Role.MEMBER],
        "pending_request": (
            membership is None
            and user.is_authenticated
            and network.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).exists()
        ),
        "sections": sections,
        "actions": sections_for(NETWORK_PAGE_ACTIONS, request, network),
        "feeds": feeds_of(sections),
        "members": [m.user.profile for m in with_profiles]
        if membership or is_site_editor(user)
        else None,
    }
    if shared:
        now = timezone.now()
        events = EventPage.objects.readable_by(user, shared=[network])
        context.update(
            upcoming_events=events.filter(end__gte=now).order_by("start")[:LISTED_EVENTS],
            past_events=events.filter(end__lt=now).order_by("-start")[:LISTED_EVENTS],
            resources=ResourcePage.objects.readable_by(user, shared=[network]).order_by("title"),
            research_summaries=ResearchSummaryPage.objects.readable_by(
                user, shared=[network]
            ).order_by("title"),
            trend=NetworkReview.trend_for(network),
        )
    return context


def _visible_profile(user):
    """The prefetched profile of a member, if the reader may see it (else None)."""
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None

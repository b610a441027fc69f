"""What search adds to pages of the apps below it (network/sections.py)."""

from django.urls import reverse
from django.utils.http import urlencode

from wagtail import hooks

from core import page_cache
from lessons.sections import LESSON_PAGE
from lessons.sharing import rules as sharing
from network.sections import FACILITATOR_CARD, NETWORK_PAGE, PROFILE_PAGE_ACTIONS, Section
from search import insights, unanswered
from search.admin import AnswerProposalViewSet
from search.cache_dependencies import LESSON_REQUESTS


@hooks.register(FACILITATOR_CARD)
def network_search_insights(request, network):
    """A link to what the network's members search for, and to their searches that found
    nothing, with how many: from the one insights rule (insights.nothing_found, which the queue
    shows), so the card counts no query the queue would not."""
    return Section(
        "search/sections/facilitator_insights.html",
        {
            "network": network,
            "without_results": len(insights.nothing_found(network, unanswered.QUEUE_LENGTH)),
        },
    )


@hooks.register(LESSON_PAGE)
def lessons_like_yours_from_a_lesson(request, lesson):
    return Section("search/sections/lessons_like_yours.html", {"card": True})


@hooks.register(PROFILE_PAGE_ACTIONS)
def lessons_like_yours_from_your_profile(request, profile):
    """On one's own profile: its context is what the search starts from."""
    if profile.user_id != request.user.pk:
        return None
    return Section("search/sections/lessons_like_yours.html", {"from_profile": True})


@hooks.register(NETWORK_PAGE)
def lessons_asked_for(request, network):
    """The lessons the network's facilitators asked for, to whoever may see its content."""
    if not network.shares_content_with(request.user):
        return None
    # Declared whether or not any are shown: a page kept with none is purged by the first.
    page_cache.tag(request, LESSON_REQUESTS)
    requests = list(unanswered.open_requests(network))
    if not requests:
        return None
    invited_to = network if sharing.may_share_with(request.user, network, request) else None
    share_url = reverse("lessons:share")
    if invited_to is not None:
        share_url += "?" + urlencode({"network": network.slug})
    return Section(
        "search/sections/lesson_requests.html",
        {
            "network": network,
            "requests": requests,
            "share_url": share_url,
            "invited_to": invited_to,
            "may_withdraw": network.is_facilitated_by(request.user),
        },
    )


@hooks.register("register_admin_viewset")
def register_answer_proposal_viewset():
    return AnswerProposalViewSet("answer_proposals")

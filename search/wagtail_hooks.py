"""What search adds to pages of the apps below it (network/sections.py)."""

from wagtail import hooks

from lessons.sections import LESSON_PAGE
from network.sections import FACILITATOR_CARD, PROFILE_PAGE_ACTIONS, Section
from search import insights


@hooks.register(FACILITATOR_CARD)
def network_search_insights(request, network):
    """A link to what the network's members search for, with how many of their searches found
    nothing: from the one insights rule (network_summary), so the card shows no query the
    insights page would not."""
    summary = insights.network_summary(network)
    return Section(
        "search/sections/facilitator_insights.html",
        {"network": network, "without_results": len(summary["without_results"])},
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

"""What search adds to pages of the apps below it (network/sections.py)."""

from wagtail import hooks

from network.sections import FACILITATOR_CARD, Section
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

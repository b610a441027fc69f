"""Sections that apps above network add to network and profile pages.

Network pages show lessons, and later campaigns and impact, but network sits below those apps
and never imports them. Instead each app registers a Wagtail hook that returns a section (a
template and its context) or None, and the page renders whatever sections it is given, in the
order the hooks were registered.

The "For facilitators" card of a network page takes items the same way (FACILITATOR_CARD),
asked only when the reader facilitates the network.

Two places on each page take sections: the body (NETWORK_PAGE, PROFILE_PAGE) and the actions
beside the page's heading (NETWORK_PAGE_ACTIONS, PROFILE_PAGE_ACTIONS), such as a follow button.
A section may also name feeds of the page's content, which the page announces in its head with
<link rel="alternate">.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from core.feeds import FeedLink

NETWORK_PAGE = "network_page_sections"
PROFILE_PAGE = "profile_page_sections"
NETWORK_PAGE_ACTIONS = "network_page_actions"
PROFILE_PAGE_ACTIONS = "profile_page_actions"
# Items of the "For facilitators" card on a network page, asked only for its facilitators:
# what waits for them in the apps above (lessons to review, the network's search insights).
FACILITATOR_CARD = "network_facilitator_card"


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)
    feeds: list[FeedLink] = field(default_factory=list)


def sections_for(hook_name, request, subject):
    """The sections every registered hook adds for this reader and page (or profile)."""
    found = (hook(request, subject) for hook in hooks.get_hooks(hook_name))
    return [section for section in found if section is not None]


def feeds_of(sections):
    return [feed for section in sections for feed in section.feeds]

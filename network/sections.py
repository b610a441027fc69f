"""Sections that apps above network add to network and profile pages.

Network pages show lessons, and later campaigns and impact, but network sits below those apps
and never imports them. Instead each app registers a Wagtail hook that returns a section (a
template and its context) or None, and the page renders whatever sections it is given, in the
order the hooks were registered.
"""

from dataclasses import dataclass, field

from wagtail import hooks

NETWORK_PAGE = "network_page_sections"
PROFILE_PAGE = "profile_page_sections"


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)


def sections_for(hook_name, request, subject):
    """The sections every registered hook adds for this reader and page (or profile)."""
    found = (hook(request, subject) for hook in hooks.get_hooks(hook_name))
    return [section for section in found if section is not None]

"""Actions that apps above themes add beside a theme page's heading (a follow button), the way
network.sections works for network and profile pages: a Wagtail hook named THEME_PAGE_ACTIONS
returns a network.sections.Section or None."""

THEME_PAGE_ACTIONS = "theme_page_actions"

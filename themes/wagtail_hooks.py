from wagtail import hooks

from lessons.moderation.admin_scope import ADMIN_PAGE_RULES, AdminPageRule
from lessons.sections import LESSON_PAGE
from network.sections import Section
from themes.models import ThemeIndexPage, ThemePage
from themes.permissions import CURATOR_ACTIONS


@hooks.register(LESSON_PAGE)
def lesson_themes(request, lesson):
    """Lesson pages link to the themes that list them."""
    # Only what a link shows: the title and the address ({% pageurl %} reads url_path).
    themes = list(ThemePage.containing(lesson).only("id", "title", "url_path"))
    if not themes:
        return None
    return Section("themes/sections/lesson_themes.html", {"themes": themes})


# The themes rule (themes/permissions.py), in the admin's listings, explorer and choosers.

THEMES_THEIR_CURATORS_EDIT = AdminPageRule(
    model=ThemePage,
    grants=CURATOR_ACTIONS,
    pages=lambda user, action: ThemePage.objects.editable_by(user),
    actions=lambda user, theme: set(CURATOR_ACTIONS) if theme.is_editable_by(user) else set(),
)
THEMES_INDEX_FACILITATORS_ADD_TO = AdminPageRule(
    model=ThemeIndexPage,
    grants=("add",),
    pages=lambda user, action: ThemeIndexPage.objects.accepting_themes_from(user),
    actions=lambda user, index: {"add"} if index.accepts_themes_from(user) else set(),
)


@hooks.register(ADMIN_PAGE_RULES)
def themes_in_the_admin():
    return [THEMES_THEIR_CURATORS_EDIT, THEMES_INDEX_FACILITATORS_ADD_TO]

from wagtail import hooks

from lessons.sections import LESSON_PAGE
from network.sections import Section
from themes.models import ThemePage


@hooks.register(LESSON_PAGE)
def lesson_themes(request, lesson):
    """Lesson pages link to the themes that list them."""
    themes = list(ThemePage.containing(lesson))
    if not themes:
        return None
    return Section("themes/sections/lesson_themes.html", {"themes": themes})

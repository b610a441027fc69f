"""Themes may be followed (core/follows.py): a member who follows a theme hears of the lessons
it lists, tagged or hand-picked, that they may read."""

from collections import defaultdict

from core.follows import Kind, News
from lessons.models import LessonPage
from themes.models import ThemeIndexPage, ThemePage, ThemePick, ThemeTag


def _index_url(request):
    index = ThemeIndexPage.objects.live().first()
    return index.get_url(request) if index else None


def new_lessons(reader, themes, window):
    """(lesson, theme) for each lesson the reader may read in the window and each of these
    themes that lists it."""
    tags, picks = defaultdict(set), defaultdict(set)
    for tag in ThemeTag.objects.filter(content_object__in=themes):
        tags[tag.content_object_id].add(tag.tag_id)
    for pick in ThemePick.objects.filter(theme__in=themes):
        picks[pick.theme_id].add(pick.page_id)
    lessons = window.filter(
        LessonPage.objects.readable_by(reader).filter(ThemePage.lessons_in(themes)).distinct()
    ).prefetch_related("tagged_themes")
    for lesson in lessons:
        lesson_tags = {tagged.tag_id for tagged in lesson.tagged_themes.all()}
        for theme in themes:
            if tags[theme.pk] & lesson_tags or lesson.pk in picks[theme.pk]:
                yield lesson, theme


THEMES = Kind(
    name="theme",
    model=ThemePage,
    followable=lambda user: ThemePage.objects.live(),
    may_follow=lambda user, theme: theme.live,
    order=10,
    plural="themes",
    none_followed="You do not follow any themes.",
    browse="Browse themes",
    browse_url=_index_url,
    reason=lambda theme: f"the theme “{theme.title}”",
)
LESSONS_IN_THEMES = News(
    kind="theme",
    model=LessonPage,
    items=new_lessons,
    sources=lambda lesson: ThemePage.containing(lesson).values("pk"),
)

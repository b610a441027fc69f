from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects

from taggit.models import Tag

from lessons.models import LESSONS_PER_PAGE, LessonMaturityLink, LessonPage, LessonTheme
from lessons.similarity import Context, similar_lessons
from lessons.vocabulary import Kind
from network.models import Profile

SIMILAR_ON_LESSON_PAGE = 3


def lesson_page_context(request, lesson):
    """What a lesson's page shows besides the lesson itself."""
    # Onto the lesson itself, so the similar-contexts ranking reads the same links. A preview's
    # links come from its revision and win over these.
    prefetch_related_objects(
        [lesson], Prefetch("maturity_links", queryset=LessonMaturityLink.labelled())
    )
    return {
        "team": list(lesson.team_members.all()),
        "maturity_links": list(lesson.maturity_links.all()),
        "theme_list": list(lesson.themes.all()),
        "author": author_profile(request.user, lesson),
        "similar": similar_to(request.user, lesson),
    }


def author_profile(reader, lesson):
    """The profile of whoever shared the lesson, if this reader may see it."""
    if not lesson.owner_id:
        return None
    return Profile.objects.visible_to(reader).filter(user_id=lesson.owner_id).first()


def similar_to(reader, lesson, limit=SIMILAR_ON_LESSON_PAGE):
    """Lessons from contexts most like this one's, that this reader may read."""
    found = similar_lessons(reader, Context.of_lesson(lesson), limit=limit, exclude=lesson)
    return [item for item in found if item.score > 0]


def lesson_listing(request, index_page):
    """The lessons index: visible lessons, filtered by kind and theme, a page at a time."""
    lessons = LessonPage.objects.child_of(index_page).readable_by(request.user)

    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    if kind:
        lessons = lessons.filter(kind=kind)

    theme = request.GET.get("theme", "").strip()
    if theme:
        lessons = lessons.filter(themes__name__iexact=theme)

    lessons = LessonPage.with_reading_relations(lessons.order_by("-date", "title"))
    page = Paginator(lessons, LESSONS_PER_PAGE).get_page(request.GET.get("page"))

    themes = Tag.objects.filter(
        pk__in=LessonTheme.objects.filter(
            content_object__in=LessonPage.objects.readable_by(request.user)
        ).values("tag")
    ).order_by("name")

    query = request.GET.copy()
    query.pop("page", None)
    return {
        "lessons": page,
        "kinds": Kind.choices,
        "themes": themes,
        "chosen_kind": kind,
        "chosen_theme": theme,
        "filter_query": query.urlencode(),
    }

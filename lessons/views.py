from django.core.paginator import Paginator

from taggit.models import Tag

from lessons.models import LESSONS_PER_PAGE, LessonPage, LessonTheme
from lessons.vocabulary import Kind


def lesson_listing(request, index_page):
    """The lessons index: visible lessons, filtered by kind and theme, a page at a time."""
    lessons = LessonPage.objects.child_of(index_page).live().visible_to(request.user)

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
            content_object__in=LessonPage.objects.live().visible_to(request.user)
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

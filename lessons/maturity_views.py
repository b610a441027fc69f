"""The maturity frameworks as pages: each outcome's levels with the stories told at each.

They live with lessons, not in maturity, because they list lessons: maturity is reference
data that knows nothing of what links to it.
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from lessons.models import LessonMaturityLink, LessonPage
from maturity.models import Dimension, Framework


def framework_list(request):
    frameworks = Framework.objects.prefetch_related("dimensions")
    return TemplateResponse(request, "maturity/framework_list.html", {"frameworks": frameworks})


def framework_detail(request, slug):
    """Each dimension's levels, with how many stories this reader may see at each."""
    framework = get_object_or_404(Framework, slug=slug)
    dimensions = framework.dimensions.prefetch_related("levels")
    counts = {
        (row["dimension_id"], row["level"]): row["n"]
        for row in LessonMaturityLink.objects.filter(
            dimension__framework=framework,
            lesson__in=LessonPage.objects.readable_by(request.user),
        )
        .values("dimension_id", "level")
        .annotate(n=Count("pk"))
    }
    rows = [
        (
            dimension,
            [
                (level, counts.get((dimension.pk, level.number), 0))
                for level in dimension.levels.all()
            ],
        )
        for dimension in dimensions
    ]
    return TemplateResponse(
        request, "maturity/framework_detail.html", {"framework": framework, "rows": rows}
    )


def dimension_detail(request, code):
    """A dimension's levels, each with its descriptor and the stories linked to it, so that a
    reader at level 1 sees what organisations at levels 2 and 3 did."""
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), code=code)
    links = (
        dimension.lesson_links.filter(lesson__in=LessonPage.objects.readable_by(request.user))
        .select_related("lesson")
        .order_by("-lesson__date", "lesson__title")
    )
    stories = {}
    for link in links:
        stories.setdefault(link.level, []).append(link.lesson)
    levels = [
        (level, stories.get(level.number, [])) for level in dimension.levels.order_by("number")
    ]
    return TemplateResponse(
        request, "maturity/dimension_detail.html", {"dimension": dimension, "levels": levels}
    )

"""The lessons JSON API (shared/contracts/README.md §3). Anonymous callers see only public,
published lessons; bad parameters get HTTP 400 with the errors by parameter; more requests than
the shared "api" limit allows (settings.RATE_LIMITS) get 429."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from core.addresses import absolute_url
from core.middleware import answers_json
from core.ratelimits import limited_json
from lessons.similarity import similar_lessons
from search import lessons as lesson_search
from search.forms import SimilarContextForm


def _lesson(request, page):
    return {
        "slug": page.slug,
        "title": page.title,
        "url": absolute_url(page, request),
        "kind": page.kind,
        "summary": page.summary,
        "organisation_type": page.organisation_type,
        "maturity": [
            {"dimension": link.dimension.code, "level": link.level}
            for link in page.maturity_links.all()
        ],
        "themes": sorted(tag.name for tag in page.themes.all()),
        # Added to contract 3: how many times the lesson was applied, and whether it is
        # learned (a result reported where it was applied).
        "applied": page.applied_count,
        "learned": page.is_learned,
    }


def _bad_request(errors):
    return JsonResponse({"errors": errors}, status=400)


@answers_json
@require_GET
@limited_json("api")
def search(request):
    try:
        filters = lesson_search.parse(request.GET)
    except lesson_search.InvalidParameters as invalid:
        return _bad_request(invalid.errors)
    result = lesson_search.search(request.user, filters)
    facets = {f.name: result.facets[f.name] for f in lesson_search.FACETS if f.in_api}
    body = {
        "count": result.count,
        "results": [_lesson(request, page) for page in result.page.object_list],
        "facets": facets,
    }
    if result.notice:
        body["notice"] = result.notice
    return JsonResponse(body)


@answers_json
@require_GET
@limited_json("api")
def similar(request):
    form = SimilarContextForm(request.GET)
    if not form.is_valid():
        return _bad_request({name: list(messages) for name, messages in form.errors.items()})
    found = similar_lessons(request.user, form.context(), limit=form.result_limit)
    return JsonResponse(
        {
            "results": [
                {
                    "slug": item.lesson.slug,
                    "title": item.lesson.title,
                    "url": absolute_url(item.lesson, request),
                    "score": item.score,
                    "why": item.why,
                }
                for item in found
            ]
        }
    )

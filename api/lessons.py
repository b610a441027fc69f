"""Lessons in the described API: search, similar contexts (contract 3) and one lesson as
lessons/v1. Every answer asks the read rule (LessonPage.objects.readable_by) for the caller."""

import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from ninja import Query, Router

from api.main import bad_request
from api.schemas import (
    Errors,
    LessonDocument,
    SearchParams,
    SearchResult,
    SimilarParams,
    SimilarResult,
    TooMany,
)
from core.addresses import absolute_url
from core.ratelimits import limited_json
from lessons.exchange.exporter import lesson_to_dict, network_to_dict
from lessons.exchange.format import FORMAT
from lessons.models import LessonPage
from lessons.similarity import similar_lessons
from network.models import NetworkPage
from search import lessons as lesson_search
from search.forms import SimilarContextForm

router = Router(tags=["lessons"])
REFUSED = {400: Errors}


def _found(request, page):
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


@router.get(
    "/lessons/search/",
    response={200: SearchResult, 429: TooMany, **REFUSED},
    exclude_none=True,
    url_name="lessons_search",
    summary="Search lessons",
)
@limited_json("api")
def search(request, params: Query[SearchParams]):
    """Lessons the caller may read that match the words and filters, 20 a page, with facet
    counts over the whole match. Every filter may repeat (theme=a&theme=b means either)."""
    # Read by the parser the search page uses (the declared params describe it), so that the
    # page and the API refuse the same values with the same words.
    try:
        filters = lesson_search.parse(request.GET)
    except lesson_search.InvalidParameters as invalid:
        return bad_request(invalid.errors)
    result = lesson_search.search(request.user, filters)
    return {
        "count": result.count,
        "results": [_found(request, page) for page in result.page.object_list],
        "facets": {f.name: result.facets[f.name] for f in lesson_search.FACETS if f.in_api},
        "notice": result.notice or None,
    }


@router.get(
    "/lessons/similar/",
    response={200: SimilarResult, 429: TooMany, **REFUSED},
    url_name="lessons_similar",
    summary="Lessons from a context like yours",
)
@limited_json("api")
def similar(request, params: Query[SimilarParams]):
    """Lessons the caller may read, best match first for the context described; each with a
    score from 0 to 1 and the reasons in words. `years_experience` is the team's total."""
    form = SimilarContextForm(request.GET)
    if not form.is_valid():
        return bad_request({name: list(messages) for name, messages in form.errors.items()})
    found = similar_lessons(request.user, form.context(), limit=form.result_limit)
    return {
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


@router.get(
    "/lessons/{slug}/",
    response={200: LessonDocument, 304: None, 404: Errors, 429: TooMany},
    url_name="lesson",
    summary="One lesson as lessons/v1",
)
@limited_json("api")
def lesson(request, slug: str):
    """The lesson as a lessons/v1 document (the lesson, and its network when the caller may
    see it), if the caller may read it. An ETag names this version: send it back in
    If-None-Match to get 304 while nothing changed."""
    readable = LessonPage.objects.readable_by(request.user)
    page = (
        readable.filter(slug=slug)
        .select_related("network")
        .prefetch_related("themes", "team_members", "maturity_links__dimension")
        .prefetch_related("related_links__target")
        .first()
    )
    if page is None:
        message = f"There is no lesson “{slug}” that you may read."
        return HttpResponse(
            json.dumps({"errors": {"slug": [message]}}),
            status=404,
            content_type="application/json",
        )
    related = readable.filter(pk__in=[link.target_id for link in page.related_links.all()])
    shared = NetworkPage.objects.sharing_content_with(request.user)
    networks = shared.filter(pk=page.network_id) if page.network_id else []
    document = {
        "format": FORMAT,
        "networks": [network_to_dict(network) for network in networks],
        "lessons": [lesson_to_dict(page, set(related.values_list("slug", flat=True)))],
    }
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type="application/json"
    )
    response["ETag"] = etag
    patch_vary_headers(response, ["Cookie"])
    # Anyone's copy may be kept by a shared cache (per Cookie); one only members may read, not.
    if page.is_readable_by(AnonymousUser()):
        patch_cache_control(response, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True, private=True)
    return response

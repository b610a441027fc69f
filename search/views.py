from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from accounts.roles import is_site_editor
from core import page_cache, ratelimits
from core.fulltext import clean_query, in_order, match
from lessons.models import LessonPage
from lessons.similarity import similar_lessons
from network.models import (
    EventPage,
    NetworkPage,
    Profile,
    ResearchSummaryPage,
    ResourcePage,
)
from search import insights
from search import lessons as lesson_search
from search.forms import SimilarContextForm
from search.hints import did_you_mean
from search.picks import readable_picks

SUGGESTIONS = 8
OTHER_RESULTS = 5


@require_GET
def search(request):
    # The facets' values and labels, read once: to check the query and to label its options.
    names = lesson_search.known_values()
    try:
        filters = lesson_search.parse(request.GET, names)
        errors = {}
    except lesson_search.InvalidParameters as invalid:
        # A bad link (an old code, a typo) still gets a page: drop what we do not know.
        errors = invalid.errors
        cleaned = request.GET.copy()
        for name in errors:
            cleaned.pop(name, None)
        filters = lesson_search.parse(cleaned, names)
    result = lesson_search.search(request.user, filters)
    if filters.q:
        insights.record(filters.q, result.count, request.user)
        # A visitor's copy of this page, served from the cache, still counts the search.
        page_cache.also_on_hit(
            request, "search.insights.record_visitor_search", filters.q, result.count
        )
    context = {
        "filters": filters,
        "result": result,
        "errors": errors,
        "facets": _facet_options(request, filters, result.facets, names),
        "chips": _chips(request, filters, names),
        "picks": readable_picks(request, filters.q),
        # Beside the first page of lessons only: each kind is a full-text search of its own.
        "others": _other_results(request, filters.q) if filters.q and filters.page == 1 else [],
        "hints": did_you_mean(request.user, filters.q) if filters.q and not result.count else [],
    }
    return TemplateResponse(request, "search/search.html", context)


def _label(names, facet, value):
    return names.get(facet, {}).get(str(value), str(value))


def _toggle(request, facet, value):
    """The change to the query that adds a facet value to the search, or removes it if already
    chosen, back on the first page; the template makes it a link with {% querystring %}."""
    values = request.GET.getlist(facet)
    values = [v for v in values if v != str(value)] if str(value) in values else values + [value]
    return {facet: values, "page": None}


def _facet_options(request, filters, counts, names):
    chosen = {(name, str(value)) for name, value in filters.chosen}
    return [
        {
            "name": facet.name,
            "label": facet.label,
            "options": [
                {
                    "value": value,
                    "label": _label(names, facet.name, value),
                    "count": count,
                    "chosen": (facet.name, value) in chosen,
                    "toggle": _toggle(request, facet.name, value),
                }
                for value, count in counts[facet.name].items()
            ],
        }
        for facet in lesson_search.FACETS
        if counts[facet.name]
    ]


def _chips(request, filters, names):
    labels = {facet.name: facet.label for facet in lesson_search.FACETS}
    return [
        {
            "label": f"{labels[facet]}: {_label(names, facet, value)}",
            "toggle": _toggle(request, facet, value),
        }
        for facet, value in filters.chosen
    ]


def _other_results(request, query):
    """Networks, events, resources, research summaries and people matching the words,
    each only where this reader may see them."""
    user = request.user
    networks = list(NetworkPage.objects.sharing_content_with(user))
    groups = [
        ("Networks", NetworkPage.objects.live().filter(pk__in=[n.pk for n in networks])),
        ("Events", EventPage.objects.readable_by(user, shared=networks)),
        ("Resources", ResourcePage.objects.readable_by(user, shared=networks)),
        ("Research summaries", ResearchSummaryPage.objects.readable_by(user, shared=networks)),
    ]
    found = [
        # Addresses from the request's copy of the site roots, not a cache read each.
        (label, [(page.title, page.get_url(request)) for page in _best(pages, query)])
        for label, pages in groups
    ]
    people = _best(Profile.objects.visible_to(user), query)
    found.append(("People", [(p.display_name, p.get_absolute_url()) for p in people]))
    return [(label, items) for label, items in found if items]


def _best(queryset, query):
    return in_order(queryset, match(queryset, query, among_few=True).ids[:OTHER_RESULTS])


@require_GET
def suggest(request):
    """Title suggestions for the search box. A plain substring match on titles: stemmed
    full-text matching cannot complete half-typed words ("briefi")."""
    if limited := ratelimits.consume(request, "suggest"):
        message = (
            f"Suggestions have been asked for too often. Try again in {limited.wait}; "
            "searching still works."
        )
        return JsonResponse(
            {"suggestions": [], "message": message, "retry_after": limited.retry_after},
            status=429,
            headers=limited.headers,
        )
    query, _ = clean_query(request.GET.get("q", ""))
    if len(query) < 2:
        return JsonResponse({"suggestions": []})
    titles = (
        LessonPage.objects.readable_by(request.user)
        .filter(title__icontains=query)
        .order_by("title")
        .values_list("title", flat=True)[:SUGGESTIONS]
    )
    return JsonResponse({"suggestions": list(titles)})


@require_GET
def similar(request):
    """Lessons from contexts like the reader's. A member whose profile says something of their
    context gets results at once, ranked by what it says; the form beside them changes it."""
    submitted = bool(request.GET)
    initial = SimilarContextForm.initial_for(request.user)
    from_profile = not submitted and any(value not in (None, "") for value in initial.values())
    data = request.GET if submitted else None
    if from_profile:
        data = {name: "" if value is None else str(value) for name, value in initial.items()}
    form = SimilarContextForm(data, initial=initial)
    found = None
    if data is not None and form.is_valid():
        found = similar_lessons(request.user, form.context(), limit=form.result_limit)
    return TemplateResponse(
        request,
        "search/similar.html",
        {"form": form, "found": found, "from_profile": from_profile},
    )


@login_required
def insights_view(request):
    """What people search for, and do not find: site-wide for editors; for a facilitator, what
    their network's members search for, only where several members typed the same words."""
    user = request.user
    networks = NetworkPage.objects.facilitated_by(user).order_by("title")
    editor = is_site_editor(user)
    if not (editor or networks):
        raise PermissionDenied("Search insights are for facilitators and editors.")
    context = {
        "days": insights.KEEP_DAYS,
        "min_people": insights.MIN_PEOPLE,
        "site": insights.summary() if editor else None,
        "networks": [(network, insights.network_summary(network)) for network in networks],
    }
    return TemplateResponse(request, "search/insights.html", context)

"""The routes of /impact/: the figures and their CSV, the showcase of case studies of the
month, and each key message's own page. The figures come from campaigns/impact.py."""

import csv

from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse

from campaigns import impact as figures
from campaigns.models import KeyMessage, case_study_of_the_month, past_picks


class _Echo:
    def write(self, value):
        return value


def _filters(request):
    form = figures.ImpactFilters(request.GET or None)
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, cleaned


def impact(request, page):
    form, cleaned = _filters(request)
    total, tables = figures.impact_report(request.user, cleaned)
    context = {
        "page": page,
        "self": page,
        "form": form,
        "total": total,
        "tables": tables,
        "figures": figures.FIGURES,
        "messages_of_value": KeyMessage.objects.all(),
        "download_query": request.GET.urlencode() if not form.errors else "",
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "campaigns/impact_index_page.html", context, status=status)


def impact_csv(request, page):
    form, cleaned = _filters(request)
    if form.errors:
        return impact(request, page)
    total, tables = figures.impact_report(request.user, cleaned)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in figures.csv_rows(total, tables)),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="impact-of-case-studies.csv"'},
    )
    # The figures depend on who reads them (members-only case studies).
    response["Cache-Control"] = "private"
    return response


def showcase(request, page):
    current, picked = case_study_of_the_month()
    context = {"page": page, "self": page, "current": current, "picked": picked}
    context["picks"] = past_picks()
    return TemplateResponse(request, "campaigns/showcase.html", context)


def key_message(request, page, number):
    message = KeyMessage.objects.filter(number=number).first()
    if message is None:
        raise Http404("No such key message")
    context = {"page": page, "self": page, "message": message}
    return TemplateResponse(request, "campaigns/key_message.html", context)

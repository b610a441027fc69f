"""The routes of /impact/: the figures and their CSV, the showcase of case studies of the
month, and each key message's own page. The figures come from campaigns/impact.py."""

import csv
import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from campaigns import impact as figures
from campaigns.models import (
    CaseStudyNomination,
    KeyMessage,
    case_study_of_the_month,
    first_of_month,
    past_picks,
    showable_case_studies,
)
from core.numbers import WholeNumberChoiceField


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
    context["may_nominate"] = CaseStudyNomination.may_nominate(request.user)
    return TemplateResponse(request, "campaigns/showcase.html", context)


def key_message(request, page, number):
    message = KeyMessage.objects.filter(number=number).first()
    if message is None:
        raise Http404("No such key message")
    context = {"page": page, "self": page, "message": message}
    return TemplateResponse(request, "campaigns/key_message.html", context)


def _coming_months(count=3):
    month = first_of_month(datetime.date.today())
    months = []
    for _ in range(count):
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


class NominationForm(forms.Form):
    lesson = WholeNumberChoiceField(
        label="Case study",
        queryset=showable_case_studies().order_by("title"),
        empty_label="Choose a case study",
        help_text="Only published case studies that everyone may read can be showcased.",
        error_messages={"required": "Choose a case study", "invalid_choice": "Choose a case study"},
    )
    month = forms.TypedChoiceField(
        label="For which month?",
        coerce=datetime.date.fromisoformat,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a month", "invalid_choice": "Choose a month"},
    )
    reason = forms.CharField(
        label="Why this case study? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [
            (month.isoformat(), f"{month:%B %Y}") for month in _coming_months()
        ]


def nominate(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not CaseStudyNomination.may_nominate(request.user):
        raise Http404("Only facilitators nominate case studies")
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        CaseStudyNomination.nominate(request.user, data["lesson"], data["month"], data["reason"])
        messages.success(request, f"You nominated “{data['lesson'].title}”.")
        return redirect(page.url + page.reverse_subpage("showcase"))
    context = {"page": page, "self": page, "form": form}
    status = 400 if form.errors else 200
    return TemplateResponse(request, "campaigns/nominate.html", context, status=status)

"""Submission rounds, returns, the benchmark, its CSV, a round's headline report, and an
organisation's position. Every figure comes from `disclosure.aggregate` over a round's frozen
publication; each view checks, calls the models, renders."""

import csv
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from accounts.roles import is_site_editor
from network.models.roles import RegionalLead

from . import benchmark, disclosure
from .models import Organisation, Round
from .models.rounds import position_is_visible_to
from .round_forms import BenchmarkForm, FrameworkReturnForm, StatisticsReturnForm

STATISTICS = ("mean", "median", "lower_quartile", "upper_quartile")
BAR_LEFT, BAR_SPAN = 40, 50  # where bars start across the chart, and their longest, in percent


def _published():
    return Round.objects.filter(publications__isnull=False).distinct()


def _latest(round_):
    publication = round_.publications.order_by("-number").first()
    if publication is None:
        raise Http404("This round has no published figures yet")
    return publication


def table(publication, keys):
    """The rows of `keys` as every surface shows them, with a bar chart of the medians."""
    rows = disclosure.aggregate(publication, keys)
    measures = [
        {"key": key, "label": label, "scale": _scale(publication, rows, key)}
        for key, label in publication.measures
    ]
    for measure in measures:
        measure["bars"] = [
            {
                "label": row.group.label,
                "median": row.figures[measure["key"]].median,
                "width": BAR_SPAN * row.figures[measure["key"]].median / measure["scale"],
                "y": 8 + n * 32,
            }
            for n, row in enumerate(r for r in rows if r.shown)
        ]
        measure["height"] = 16 + 32 * len(measure["bars"])
        measure["lines"] = [(row, row.figures[measure["key"]]) for row in rows]
    return {"rows": rows, "measures": measures, "bar_left": BAR_LEFT}


def _scale(publication, rows, key):
    if not publication.round.is_statistics:
        return 4
    values = [row.figures[key].median for row in rows if row.shown] or [1]
    top = max(values) or 1
    magnitude = 10 ** math.floor(math.log10(top))
    return math.ceil(top / magnitude) * magnitude


@login_required
def round_list(request):
    context = {"rounds": Round.objects.all(), "led": Organisation.objects.led_by(request.user)}
    return TemplateResponse(request, "assessments/rounds/list.html", context)


def _oversees(user):
    """Regions whose late and missing returns a person is shown (None: every region)."""
    if is_site_editor(user):
        return None
    return list(RegionalLead.objects.filter(user=user).values_list("region", flat=True))


@login_required
def round_detail(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    led = Organisation.objects.led_by(request.user)
    returns = {r.organisation_id: r for r in round_.returns.filter(organisation__in=led)}
    regions = _oversees(request.user)
    late = missing = None
    if regions is None or regions:
        late = round_.returns.filter(late=True).select_related("organisation")
        missing = round_.missing()
        if regions is not None:
            late = late.filter(organisation__region__in=regions)
            missing = missing.filter(region__in=regions)
    context = {
        "round": round_,
        "led": [(o, returns.get(o.pk)) for o in led],
        "late": late,
        "missing": missing,
        "published": round_.publications.exists(),
    }
    return TemplateResponse(request, "assessments/rounds/detail.html", context)


@login_required
def submit_return(request, pk, organisation):
    round_ = get_object_or_404(Round, pk=pk)
    organisation = get_object_or_404(Organisation.objects.led_by(request.user), pk=organisation)
    if round_.returns.filter(organisation=organisation).exists():
        messages.info(request, f"{organisation.name} has already made its return.")
        return redirect("assessments:round", round_.pk)
    data = request.POST if request.method == "POST" else None
    if round_.is_statistics:
        form = StatisticsReturnForm(data, round=round_)
    else:
        form = FrameworkReturnForm(data, assessments=round_.eligible_assessments(organisation))
    if data is not None and form.is_valid():
        try:
            if round_.is_statistics:
                made = round_.submit(
                    organisation=organisation, by=request.user, values=form.values()
                )
            else:
                made = round_.submit(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            late = " It is late: it joins the round's next publication." if made.late else ""
            messages.success(request, f"{organisation.name}'s return is in.{late}")
            return redirect("assessments:round", round_.pk)
    context = {"round": round_, "organisation": organisation, "form": form}
    return TemplateResponse(request, "assessments/rounds/return.html", context)


@login_required
def benchmark_page(request):
    form, publication = _chosen(request)
    context = {"form": form, "publication": publication}
    if publication is not None:
        by = form.cleaned_data["by"]
        context |= {"by": by, **table(publication, benchmark.keys_by(by))}
        context["led"] = [
            o for o in Organisation.objects.led_by(request.user) if publication.row_of(o)
        ]
    status = 400 if form.errors else 200
    return TemplateResponse(request, "assessments/rounds/benchmark.html", context, status=status)


def _chosen(request):
    form = BenchmarkForm(request.GET, rounds=_published())
    if not form.is_valid():
        return form, None
    round_ = form.cleaned_data["round"] or _published().first()
    return form, (_latest(round_) if round_ else None)


@login_required
def benchmark_csv(request):
    form, publication = _chosen(request)
    if publication is None:
        raise Http404("No published figures")
    by = form.cleaned_data["by"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="benchmark-{publication.round_id}-{by}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["Group", "Organisations", "Measure", "Mean", "Median", "Lower quartile", "Upper quartile"]
    )
    for row in disclosure.aggregate(publication, benchmark.keys_by(by)):
        for key, label in publication.measures:
            figure = row.figures[key]
            count = row.organisations if row.organisations is not None else "withheld"
            writer.writerow(
                [row.group.label, count, label]
                + [_cell(getattr(figure, name)) for name in STATISTICS]
            )
    return response


def _cell(value):
    return "withheld" if value is None else value


@login_required
def headline_report(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    publication = _latest(round_)
    whole = disclosure.aggregate(publication, ["all"])[0]
    context = {
        "round": round_,
        "publication": publication,
        "whole": whole,
        "headlines": [(label, whole.figures[key]) for key, label in publication.measures],
        "by_region": table(publication, benchmark.keys_by("region")[1:]),
        "by_type": table(publication, benchmark.keys_by("organisation_type")[1:]),
    }
    return TemplateResponse(request, "assessments/rounds/report.html", context)


@login_required
def position(request, pk, organisation):
    """The organisation's own figures against its peers and the whole: its leads and site
    editors only (everyone else is told "not found")."""
    round_ = get_object_or_404(Round, pk=pk)
    organisation = get_object_or_404(Organisation, pk=organisation)
    if not position_is_visible_to(organisation, request.user):
        raise Http404("No such position for this account")
    publication = _latest(round_)
    own = publication.row_of(organisation)
    if own is None:
        raise Http404("This organisation is not in the round's published figures")
    peers_key = publication.peer_group_of(organisation)
    keys = ["all"] + ([peers_key] if peers_key else [])
    rows = disclosure.aggregate(publication, keys)
    comparison = [
        {
            "label": label,
            "own": disclosure.tidy(own["figures"].get(key)),
            "peers": rows[1].figures[key] if len(rows) > 1 and rows[1].shown else None,
            "whole": rows[0].figures[key] if rows[0].shown else None,
        }
        for key, label in publication.measures
    ]
    context = {
        "round": round_,
        "organisation": organisation,
        "comparison": comparison,
        "peers_shown": len(rows) > 1 and rows[1].shown,
    }
    return TemplateResponse(request, "assessments/rounds/position.html", context)

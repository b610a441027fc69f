"""Compare an organisation's units side by side, and track a unit over time, in counted
levels, from the closed assessments the reader may read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from maturity.models import Framework

from . import compare as figures
from .models import Assessment, organisations_visible_to
from .plan_forms import CompareForm, TrackForm


def _organisation(request, pk):
    return get_object_or_404(organisations_visible_to(request.user), pk=pk)


def _frameworks(request, organisation):
    """Frameworks of the organisation's closed assessments this reader may read."""
    closed = Assessment.objects.readable_by(request.user).filter(
        organisation=organisation, status=Assessment.Status.CLOSED
    )
    return Framework.objects.filter(pk__in=closed.values("framework"))


def _chosen(form, name, default):
    if form.is_valid() and form.cleaned_data.get(name):
        return form.cleaned_data[name]
    return default


def _render(request, template, organisation, form, **more):
    status = 400 if form.is_bound and form.errors else 200
    context = {"organisation": organisation, "form": form, **more}
    return TemplateResponse(request, template, context, status=status)


@login_required
def compare(request, pk):
    organisation = _organisation(request, pk)
    frameworks = _frameworks(request, organisation)
    form = CompareForm(request.GET or None, organisation=organisation)
    form.fields["framework"].queryset = frameworks
    framework = _chosen(form, "framework", frameworks.first())
    units = _chosen(form, "units", None)
    table = (
        figures.side_by_side(request.user, organisation, framework, units) if framework else None
    )
    return _render(
        request,
        "assessments/plans/compare.html",
        organisation,
        form,
        framework=framework,
        table=table,
    )


@login_required
def track(request, pk):
    organisation = _organisation(request, pk)
    frameworks = _frameworks(request, organisation)
    form = TrackForm(request.GET or None, organisation=organisation)
    form.fields["framework"].queryset = frameworks
    framework = _chosen(form, "framework", frameworks.first())
    unit = _chosen(form, "unit", organisation.whole)
    table = figures.over_time(request.user, unit, framework) if framework else None
    return _render(
        request,
        "assessments/plans/track.html",
        organisation,
        form,
        framework=framework,
        unit=unit,
        table=table,
    )

"""Organisations and their self-assessments: each view checks, calls the models, renders or
redirects. Anyone the read rule refuses is told "not found", as for any other page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from accounts.roles import is_site_editor
from core import ratelimits
from core.private_files import PrivateFileView
from network.models.roles import RegionalLead

from . import charts
from .forms import AnswerForm, InvitationForm, OrganisationForm, StartForm, UnitForm
from .models import (
    Assessment,
    EvidenceFile,
    Invitation,
    Organisation,
    Participant,
    organisations_visible_to,
)

SESSION_MODE = "assessments_session_mode"


def _readable(request, pk):
    assessments = Assessment.objects.readable_by(request.user).select_related(
        "organisation", "unit", "framework"
    )
    return get_object_or_404(assessments, pk=pk)


def _session_mode(request):
    return bool(request.session.get(SESSION_MODE))


def _context(request, assessment, **more):
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "session_mode": _session_mode(request),
        "editable": assessment.is_editable_by(request.user),
        "may_close": assessment.may_be_closed_by(request.user),
        **more,
    }


@login_required
def index(request):
    context = {
        "organisations": organisations_visible_to(request.user),
        "assessments": Assessment.objects.readable_by(request.user).select_related(
            "organisation", "unit", "framework"
        ),
        "may_add": is_site_editor(request.user),
        "leads_regions": RegionalLead.objects.filter(user=request.user).exists(),
    }
    return TemplateResponse(request, "assessments/index.html", context)


@login_required
def organisation_new(request):
    if not is_site_editor(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation, invitation = Organisation.create(
            by=request.user,
            first_lead_email=form.cleaned_data["first_lead_email"],
            **{name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields},
        )
        messages.success(
            request,
            f"{organisation.name} is added. We have emailed {invitation.email} an invitation "
            "to lead its self-assessments.",
        )
        return redirect("assessments:organisation", organisation.pk)
    return TemplateResponse(request, "assessments/organisation_new.html", {"form": form})


@login_required
def organisation(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    manages = organisation.is_managed_by(request.user)
    units = organisation.units.all()
    if manages:
        units = units.prefetch_related("participants__user")
    context = {
        "organisation": organisation,
        "manages": manages,
        "units": units,
        "leads": organisation.leads.select_related("user") if manages else (),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True) if manages else (),
        "assessments": Assessment.objects.readable_by(request.user)
        .filter(organisation=organisation)
        .select_related("unit", "framework"),
        "may_start": _units_to_start(request.user, organisation).exists(),
    }
    return TemplateResponse(request, "assessments/organisation.html", context)


def _units_to_start(user, organisation):
    """The units a person may start an assessment for: every unit for its leads, their own
    for participants."""
    if organisation.is_led_by(user):
        return organisation.units.all()
    return organisation.units.filter(participants__user=user)


def _managed(request, pk):
    return get_object_or_404(Organisation.objects.managed_by(request.user), pk=pk)


@login_required
def unit_new(request, pk):
    organisation = _managed(request, pk)
    form = UnitForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        unit = form.save(commit=False)
        unit.organisation = organisation
        unit.save()
        messages.success(request, f"{unit.name} is added.")
        return redirect("assessments:organisation", organisation.pk)
    context = {"organisation": organisation, "form": form}
    return TemplateResponse(request, "assessments/unit_new.html", context)


@require_POST
@login_required
def participant_remove(request, pk, participant):
    organisation = _managed(request, pk)
    taking_part = get_object_or_404(
        Participant.objects.select_related("unit", "user"),
        pk=participant,
        unit__organisation=organisation,
    )
    taking_part.remove(request.user)
    messages.success(
        request, f"{taking_part.user} no longer takes part in {taking_part.unit.name}."
    )
    return redirect("assessments:organisation", organisation.pk)


@login_required
def invite(request, pk):
    organisation = _managed(request, pk)
    form = InvitationForm(request.POST or None, organisation=organisation)
    context = {"organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        if limited := ratelimits.consume(request, "invite"):
            form.add_error(
                None,
                f"You have sent as many invitations as we take in {limited.limit.span}. "
                f"Nothing was sent this time. Send it again in {limited.wait}.",
            )
            return TemplateResponse(
                request, "assessments/invite.html", context, status=429, headers=limited.headers
            )
        invitation = Invitation.send(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
        messages.success(request, f"We have emailed an invitation to {invitation.email}.")
        return redirect("assessments:organisation", organisation.pk)
    return TemplateResponse(request, "assessments/invite.html", context)


@login_required
def invitation(request, token):
    invitation = Invitation.open_for(token, request.user)
    if invitation is None:
        raise Http404("No such invitation for this account")
    if request.method == "POST":
        invitation.accept(request.user)
        messages.success(
            request, f"You have joined {invitation.organisation.name}'s self-assessments."
        )
        return redirect("assessments:organisation", invitation.organisation_id)
    return TemplateResponse(request, "assessments/invitation.html", {"invitation": invitation})


@login_required
def start(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    units = _units_to_start(request.user, organisation)
    if not units.exists():
        raise Http404("No unit this person may assess")
    form = StartForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        assessment = Assessment.start(by=request.user, **form.cleaned_data)
        return redirect("assessments:assessment", assessment.pk)
    context = {"organisation": organisation, "form": form}
    return TemplateResponse(request, "assessments/start.html", context)


def assessment(request, pk):
    """The introduction, with the Board checklist, and where the assessment stands: the page
    a group comes back to and resumes from."""
    assessment = _readable(request, pk)
    answers = assessment.answers_in_order()
    context = _context(
        request,
        assessment,
        answers=answers,
        next_answer=assessment.next_unanswered(),
        complete=all(answer.agreed_level is not None for answer in answers),
    )
    return TemplateResponse(request, "assessments/assessment.html", context)


@require_POST
def session_mode(request, pk):
    """Session mode on or off, for this browser: large type, no personal data on screen."""
    assessment = _readable(request, pk)
    request.session[SESSION_MODE] = request.POST.get("mode") == "session"
    return redirect("assessments:assessment", assessment.pk)


def answer(request, pk, position):
    assessment = _readable(request, pk)
    answer = get_object_or_404(assessment.answers_in_order(), position=position)
    editable = assessment.is_editable_by(request.user)
    form = None
    status = 200
    if editable:
        initial = {
            "agreed_level": answer.agreed_level,
            "evidence_met": answer.evidence_met,
            "evidence": answer.evidence,
            "notes": answer.notes,
        }
        data = request.POST if request.method == "POST" else None
        form = AnswerForm(data, request.FILES or None, initial=initial, answer=answer)
        if data is not None and form.is_valid():
            answer.record(request.user, **form.cleaned_data)
            if request.POST.get("then") == "stop":
                messages.success(request, "Saved. Come back to this page to carry on.")
                return redirect("assessments:assessment", assessment.pk)
            following = (
                assessment.answers.filter(position__gt=position).order_by("position").first()
            )
            if following is None:
                return redirect("assessments:assessment", assessment.pk)
            return redirect("assessments:answer", assessment.pk, following.position)
    elif request.method == "POST":
        status = 409 if assessment.is_closed else 403
        messages.error(
            request,
            "This assessment is closed: nothing on it can be changed."
            if assessment.is_closed
            else "You may read this assessment but not change it.",
        )
    total = assessment.answers.count()
    context = _context(
        request,
        assessment,
        answer=answer,
        form=form,
        editable=editable,
        levels=answer.dimension.levels.all(),
        show_notes=assessment.notes_are_readable_by(request.user),
        total=total,
        previous=position - 1 if position > 1 else None,
    )
    return TemplateResponse(request, "assessments/answer.html", context, status=status)


@require_POST
def close(request, pk):
    assessment = _readable(request, pk)
    if not assessment.may_be_closed_by(request.user):
        raise PermissionDenied
    try:
        assessment.close(request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("assessments:assessment", assessment.pk)
    messages.success(request, "The assessment is closed. Here are its results.")
    return redirect("assessments:results", assessment.pk)


def results(request, pk):
    assessment = _readable(request, pk)
    answers = list(assessment.answers_in_order())
    context = _context(request, assessment, answers=answers, chart=charts.level_chart(answers))
    return TemplateResponse(request, "assessments/results.html", context)


evidence_file = PrivateFileView.as_view(
    readable=EvidenceFile.objects.openable_by, field="file", download_name="evidence"
)

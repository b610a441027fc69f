"""Organisations, units, people in their roles, and assessments in each state."""

from django.core.files.base import ContentFile

from assessments.models import Assessment, Lead, Organisation, Participant, Unit
from maturity.models import Dimension, Framework
from network.models.roles import RegionalLead
from tests.builders.accounts import make_user
from tests.builders.files import PDF


def make_organisation(name="Riverside NHS Trust", ods_code="RVS", region="south_west", **fields):
    """An organisation and its whole-organisation unit (no invitation: leads are given by
    lead())."""
    organisation = Organisation.objects.create(
        name=name,
        ods_code=ods_code,
        region=region,
        organisation_type=fields.pop("organisation_type", "acute_trust"),
        workforce_size=fields.pop("workforce_size", 5000),
        **fields,
    )
    Unit.objects.create(organisation=organisation, name=name, kind=Unit.Kind.WHOLE)
    return organisation


def add_unit(organisation, name="Medicine directorate", kind=Unit.Kind.DIRECTORATE):
    return Unit.objects.create(organisation=organisation, name=name, kind=kind)


def lead(organisation, email):
    user = make_user(email)
    Lead.objects.create(organisation=organisation, user=user)
    return user


def participant(unit, email):
    user = make_user(email)
    Participant.objects.create(unit=unit, user=user)
    return user


def regional_lead(region, email):
    user = make_user(email)
    RegionalLead.objects.create(user=user, region=region)
    return user


def outcome(code="qiof-2"):
    return Dimension.objects.get(code=code)


def expect_evidence(code="qiof-2", number=3, words="Board minutes that show it"):
    level = outcome(code).levels.get(number=number)
    level.evidence_expected = words
    level.save()
    return level


def assessment(unit, by, *, codes=("qiof-2",), framework="qiof", levels=(), closed=False):
    """An assessment of `unit` started by `by`; `levels` agreed in order (each a number, or
    (number, evidence_met)), with evidence, notes, a link and a file on each answer given."""
    started = Assessment.start(
        unit=unit,
        framework=Framework.objects.get(slug=framework),
        dimensions=[outcome(code) for code in codes],
        by=by,
    )
    for answer, level in zip(started.answers.order_by("position"), levels, strict=False):
        number, met = level if isinstance(level, tuple) else (level, True)
        answer.record(
            by,
            agreed_level=number,
            evidence_met=met,
            evidence=f"Evidence for {answer.dimension.code}",
            notes=f"Private notes on {answer.dimension.code}",
            link_title="Board paper",
            link_url="https://example.org/board-paper",
            file_title="Board minutes",
            file=ContentFile(PDF, name="minutes.pdf"),
        )
    if closed:
        started.close(by)
    return started

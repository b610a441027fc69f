"""Demo organisations with units, people in their roles and assessments
(home/demo/assessments.json), the Board checklists (placeholders, and they say so) and the
evidence some levels expect. Safe to repeat: an organisation already there is left as it is,
and a checklist or evidence an editor has written is kept."""

from django.contrib.auth import get_user_model

from assessments.models import Assessment, Lead, Organisation, Participant, Unit
from home.demo_plans import load_after_closing
from maturity.models import Dimension, Framework, Level


def load_assessments(data):
    for slug, items in data["board_checklists"].items():
        Framework.objects.filter(slug=slug, board_checklist="").update(
            board_checklist="\n".join(items)
        )
    for expected in data["evidence_expected"]:
        Level.objects.filter(
            dimension__code=expected["outcome"], number=expected["level"], evidence_expected=""
        ).update(evidence_expected=expected["text"])
    for spec in data["organisations"]:
        if not Organisation.objects.filter(ods_code=spec["ods_code"]).exists():
            load_organisation(spec)


def _person(email):
    return get_user_model().objects.get(email=email)


def load_organisation(spec):
    fields = ("name", "ods_code", "organisation_type", "region", "workforce_size")
    organisation = Organisation.objects.create(**{name: spec[name] for name in fields})
    units = {None: Unit.objects.create(organisation=organisation, name=spec["name"], kind="whole")}
    leads = [_person(email) for email in spec["leads"]]
    for user in leads:
        Lead.objects.create(organisation=organisation, user=user)
    for unit_spec in spec["units"]:
        unit = Unit.objects.create(
            organisation=organisation, name=unit_spec["name"], kind=unit_spec["kind"]
        )
        units[unit.name] = unit
        for email in unit_spec["participants"]:
            Participant.objects.create(unit=unit, user=_person(email))
    for assessment_spec in spec["assessments"]:
        load_assessment(assessment_spec, units[assessment_spec["unit"]], leads[0])


def load_assessment(spec, unit, lead):
    codes = [answer["outcome"] for answer in spec["answers"]]
    framework = Framework.objects.get(slug=spec["framework"])
    outcomes = framework.dimensions.all()
    if not spec["closed"]:  # in progress: the outcomes still to agree on are there too
        codes = list(outcomes.values_list("code", flat=True))
    assessment = Assessment.start(
        unit=unit, framework=framework, dimensions=list(outcomes.filter(code__in=codes)), by=lead
    )
    for answer_spec in spec["answers"]:
        answer = assessment.answers.get(
            dimension=Dimension.objects.get(code=answer_spec["outcome"])
        )
        answer.record(
            lead,
            agreed_level=answer_spec["level"],
            evidence_met=answer_spec.get("evidence_met", True),
            evidence=answer_spec.get("evidence", ""),
            notes=answer_spec.get("notes", ""),
        )
    if spec["closed"]:
        assessment.close(lead)
        load_after_closing(assessment, spec, lead)
    return assessment

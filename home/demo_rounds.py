"""Demo submission rounds: the key metrics; last year's statistics, closed and published, from
enough organisations for some figures to show and some to be withheld; a closed QIOF baseline;
and this year's statistics, open, which Helen Carter has still to return for Kingsmead.

The organisations other than Kingsmead and Aireside are made up for the benchmark ("Demo ...",
ODS codes XD...); each has a lead whose account cannot sign in. What shows, by the rules of
assessments/disclosure.py: all organisations, acute trusts, the South West, North East and
Yorkshire, London and South East and community trusts; withheld: the East of England (2
organisations), and the London peer group (2 East of England trusts joined it). Kingsmead's
peers are the South West's acute trusts. Safe to repeat: a round already there is left as
it is."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, Lead, Metric, Organisation, Round, Unit
from maturity.models import Framework

METRICS = [
    ("Library and knowledge staff", "Whole-time equivalent staff, in total.", True),
    ("Evidence searches", "Searches done for staff over the year.", True),
    ("Training sessions", "Information skills sessions given over the year.", False),
    ("E-resources spend (£)", "Spend on e-resources over the year, in pounds.", False),
]
# (region, type, how many, workforce from, workforce step)
MADE_UP = [
    ("south_west", "acute_trust", 6, 6200, 450),
    ("north_east_and_yorkshire", "acute_trust", 5, 9400, 600),
    ("london", "acute_trust", 6, 2800, 250),
    ("east_of_england", "acute_trust", 2, 3300, 300),
    ("south_east", "community_trust", 6, 1500, 200),
]
KINGSMEAD, AIRESIDE = "XKM01", "XAT02"


def load_rounds():
    today = timezone.localdate()
    metrics = [
        Metric.objects.get_or_create(
            name=name,
            defaults={"description": text, "per_thousand_workforce": per, "sort_order": n},
        )[0]
        for n, (name, text, per) in enumerate(METRICS)
    ]
    organisations = _made_up() + list(
        Organisation.objects.filter(ods_code__in=[KINGSMEAD, AIRESIDE]).order_by("ods_code")
    )
    rng = random.Random(25)
    if not Round.objects.filter(title="Annual statistics 2025").exists():
        made = _round("Annual statistics 2025", Round.Kind.STATISTICS, today, metrics=metrics)
        for organisation in organisations:
            values = {
                metrics[0]: round(organisation.workforce_size * rng.uniform(1.2, 2.6) / 1000, 1),
                metrics[1]: rng.randint(120, 900) * organisation.workforce_size // 1000,
                metrics[2]: rng.randint(20, 140),
                metrics[3]: rng.randint(40, 400) * 1000,
            }
            made.submit(organisation=organisation, by=_lead(organisation), values=values)
        _close(made, today - datetime.timedelta(days=60))
    if not Round.objects.filter(title="QIOF baseline 2025").exists():
        framework = Framework.objects.get(slug="qiof")
        made = _round("QIOF baseline 2025", Round.Kind.FRAMEWORK, today, framework=framework)
        baseline = [o for o in organisations if o.organisation_type == "acute_trust"]
        baseline = [o for o in baseline if o.region in ("south_west", "north_east_and_yorkshire")]
        for organisation in baseline:
            assessment = made.eligible_assessments(organisation).first()  # Kingsmead's
            assessment = assessment or _whole_assessment(organisation, framework, rng)
            made.submit(organisation=organisation, by=_lead(organisation), assessment=assessment)
        _close(made, today - datetime.timedelta(days=120))
    if not Round.objects.filter(title="Annual statistics 2026").exists():
        this_year = Round.objects.create(
            title="Annual statistics 2026",
            kind=Round.Kind.STATISTICS,
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today + datetime.timedelta(days=21),
        )
        this_year.metrics.set(metrics)


def _made_up():
    made = []
    User = get_user_model()
    n = 0
    for region, kind, count, workforce, step in MADE_UP:
        for i in range(count):
            n += 1
            code = f"XD{n:03d}"
            organisation = Organisation.objects.filter(ods_code=code).first()
            if organisation is None:
                with transaction.atomic():
                    organisation = Organisation.objects.create(
                        name=f"Demo {kind.replace('_', ' ')} {n} ({region.replace('_', ' ')})",
                        ods_code=code,
                        organisation_type=kind,
                        region=region,
                        workforce_size=workforce + i * step,
                    )
                    Unit.objects.create(
                        organisation=organisation, name=organisation.name, kind=Unit.Kind.WHOLE
                    )
                    lead = User.objects.create_user(f"lead.{code.lower()}@example.nhs.uk")
                    Lead.objects.create(organisation=organisation, user=lead)
            made.append(organisation)
    return made


def _lead(organisation):
    return organisation.leads.order_by("since").first().user


def _round(title, kind, today, **chosen):
    """Created open, so returns are on time; dated last year when it is closed (_close)."""
    metrics = chosen.pop("metrics", [])
    made = Round.objects.create(
        title=title,
        kind=kind,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today,
        **chosen,
    )
    made.metrics.set(metrics)
    return made


def _close(made, closes_on):
    Round.objects.filter(pk=made.pk).update(
        opens_on=closes_on - datetime.timedelta(days=60), closes_on=closes_on
    )
    made.refresh_from_db()
    made.close(now=timezone.now())


def _whole_assessment(organisation, framework, rng):
    outcomes = list(framework.dimensions.all())
    lead = _lead(organisation)
    assessment = Assessment.start(
        unit=organisation.whole, framework=framework, dimensions=outcomes, by=lead
    )
    for answer in assessment.answers.all():
        answer.record(lead, agreed_level=rng.randint(1, 4), evidence_met=True)
    assessment.close(lead)
    return assessment

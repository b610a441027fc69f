"""Submission rounds: metrics, a statistics round, organisations with leads that return to it."""

import datetime

from django.utils import timezone

from assessments.models import Lead, Metric, Round
from tests.builders.accounts import make_user
from tests.builders.assessments import make_organisation


def metrics():
    return [
        Metric.objects.get_or_create(
            name="Library and knowledge staff", defaults={"per_thousand_workforce": True}
        )[0],
        Metric.objects.get_or_create(name="Evidence searches", defaults={"sort_order": 1})[0],
    ]


def statistics_round(title="Annual statistics 2026", *, opens_in=-30, closes_in=10):
    today = timezone.localdate()
    made = Round.objects.create(
        title=title,
        kind=Round.Kind.STATISTICS,
        opens_on=today + datetime.timedelta(days=opens_in),
        closes_on=today + datetime.timedelta(days=closes_in),
    )
    made.metrics.set(metrics())
    return made


def organisations(count, *, region="south_west", organisation_type="acute_trust", start=0):
    """`count` organisations, each with a lead (lead-<n>@example.nhs.uk)."""
    made = []
    for n in range(start, start + count):
        organisation = make_organisation(
            f"Trust {n}",
            f"T{n:03d}",
            region=region,
            organisation_type=organisation_type,
            workforce_size=1000 + 100 * n,
        )
        Lead.objects.create(organisation=organisation, user=make_user(f"lead-{n}@example.nhs.uk"))
        made.append(organisation)
    return made


def submit(round_, organisation, staff=5, searches=100):
    lead = organisation.leads.first().user
    staff_metric, searches_metric = metrics()
    return round_.submit(
        organisation=organisation,
        by=lead,
        values={staff_metric: staff, searches_metric: searches},
    )


def published_and_open(organisation):
    """For the fuzz site: a closed statistics round the organisation returned to (published)
    and an open one it has not; their ids."""
    closed = statistics_round("Annual statistics 2025", opens_in=-400, closes_in=-300)
    submit(closed, organisation)
    closed.close()
    return {"round": closed.pk, "open_round": statistics_round().pk}

"""Returns to a round, once each, by an organisation's leads; late after the closing date;
publications frozen at closing; late returns published again only once there are 5 of them.
"""

import datetime
from io import StringIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

import pytest

from assessments import disclosure
from assessments.models import Metric, Publication, Round
from tests.builders.accounts import make_user
from tests.builders.assessments import assessment, expect_evidence, lead, make_organisation
from tests.builders.rounds import metrics, organisations, statistics_round, submit

pytestmark = pytest.mark.django_db


def test_a_lead_returns_once_and_figures_per_thousand_come_from_the_workforce():
    made = statistics_round()
    (organisation,) = organisations(1)  # workforce 1000
    returned = submit(made, organisation, staff=7, searches=250)
    staff, searches = metrics()
    assert returned.figures == {staff.key: 7.0, searches.key: 250.0}
    assert not returned.late
    with pytest.raises(ValidationError, match="already made its return"):
        submit(made, organisation)


def test_only_the_organisations_leads_make_its_return():
    made = statistics_round()
    (organisation,) = organisations(1)
    with pytest.raises(PermissionDenied):
        made.submit(organisation=organisation, by=make_user("x@example.nhs.uk"), values={})


def test_a_return_after_the_round_closes_is_late_and_not_in_the_frozen_publication():
    made = statistics_round(opens_in=-30, closes_in=1)
    for organisation in organisations(6):
        submit(made, organisation)
    made.close()
    first = made.publications.get()
    frozen = (first.rows, first.shown, first.peer_groups)
    (latecomer,) = organisations(1, start=6)
    assert submit(made, latecomer).late
    assert made.publish_late_returns() is None  # one late return would be singled out
    first.refresh_from_db()
    assert (first.rows, first.shown, first.peer_groups) == frozen
    assert made.close() == first  # closing twice publishes nothing new


def test_five_late_returns_make_a_next_publication_that_differs_by_at_least_five():
    made = statistics_round(opens_in=-30, closes_in=1)
    for organisation in organisations(12):
        submit(made, organisation)
    made.close()
    for organisation in organisations(4, start=12):
        submit(made, organisation)
    assert made.publish_late_returns() is None
    submit(made, organisations(1, start=16)[0])
    second = made.publish_late_returns()
    assert second.number == 2
    assert len(second.rows) == 17
    first = made.publications.get(number=1)
    assert second.peer_groups == first.peer_groups  # fixed when the round closed
    assert set(second.shown["all"]) - set(first.shown["all"]) == {
        r["organisation"] for r in second.rows[12:]
    }


def test_the_close_rounds_command_closes_rounds_past_their_date_only():
    past = statistics_round("Last year", opens_in=-400, closes_in=-2)
    current = statistics_round("This year", opens_in=-10, closes_in=5)
    out = StringIO()
    call_command("close_rounds", stdout=out)
    call_command("close_rounds", stdout=out)
    past.refresh_from_db()
    current.refresh_from_db()
    assert past.is_closed and not current.is_closed
    assert Publication.objects.filter(round=past).count() == 1
    assert "Rounds closed: 1" in out.getvalue()
    assert "Rounds closed: 0" in out.getvalue()


def test_a_framework_return_is_a_closed_assessment_of_the_whole_covering_every_outcome():
    from maturity.models import Framework  # noqa: PLC0415

    framework = Framework.objects.get(slug="qiof")
    made = Round.objects.create(
        title="QIOF baseline",
        kind=Round.Kind.FRAMEWORK,
        framework=framework,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    organisation = make_organisation()
    person = lead(organisation, "lead@riverside.nhs.uk")
    codes = list(framework.dimensions.values_list("code", flat=True))
    partial = assessment(organisation.whole, person, codes=codes[:1], levels=(2,), closed=True)
    with pytest.raises(ValidationError, match="covering every outcome"):
        made.submit(organisation=organisation, by=person, assessment=partial)
    whole = assessment(
        organisation.whole, person, codes=codes, levels=(3,) * len(codes), closed=True
    )
    assert list(made.eligible_assessments(organisation)) == [whole]
    returned = made.submit(organisation=organisation, by=person, assessment=whole)
    assert returned.figures == dict.fromkeys(codes, 3)


def test_a_return_after_the_closing_date_is_listed_as_late():
    made = statistics_round(opens_in=-30, closes_in=-1)
    (organisation,) = organisations(1)
    assert submit(made, organisation).late


def test_a_measure_some_returns_lack_is_withheld_for_every_group():
    made = statistics_round(opens_in=-30, closes_in=1)
    for organisation in organisations(6):
        submit(made, organisation)
    later = Metric.objects.create(name="Training sessions")
    made.metrics.add(later)  # added after the returns came
    publication = made.close()
    (whole,) = disclosure.aggregate(publication, ["all"])
    assert whole.shown and whole.figures[metrics()[1].key].median == 100
    assert whole.figures[later.key].withheld


def test_a_framework_rounds_counted_levels_are_benchmarked(client):
    from maturity.models import Framework  # noqa: PLC0415

    framework = Framework.objects.get(slug="qiof")
    made = Round.objects.create(
        title="QIOF baseline",
        kind=Round.Kind.FRAMEWORK,
        framework=framework,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    codes = list(framework.dimensions.values_list("code", flat=True))
    expect_evidence(codes[0], 3)
    for n, organisation in enumerate(organisations(5)):
        person = organisation.leads.get().user
        # Level 3 agreed on each outcome, its evidence missing in one trust: counted as 2.
        levels = [(3, n != 0)] * len(codes)
        whole = assessment(organisation.whole, person, codes=codes, levels=levels, closed=True)
        made.submit(organisation=organisation, by=person, assessment=whole)
    publication = made.close()
    (row,) = disclosure.aggregate(publication, ["all"])
    assert row.figures[codes[0]].mean == 2.8 and row.figures[codes[0]].median == 3
    client.force_login(make_user("reader@example.nhs.uk"))
    page = client.get(f"/assessments/benchmark/?round={made.pk}").content.decode()
    assert "QIOF Outcome 1" in page and "on a scale of 0 to 4" in page

"""A lead makes a return through the site; bad values are refused with the field named; late
and missing returns are listed for the region's lead (their regions only) and site editors;
site editors, and nobody else, open rounds and define metrics in the admin."""

import datetime

from django.contrib.auth.models import Permission

import pytest

from assessments.models import Metric, Round
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.assessments import regional_lead
from tests.builders.rounds import metrics, organisations, statistics_round, submit

pytestmark = pytest.mark.django_db
METRICS = "/admin/statistics_metrics/"
ADMIN_ROUNDS = "/admin/submission_rounds/"


def _return_url(made, organisation):
    return f"/assessments/rounds/{made.pk}/organisations/{organisation.pk}/return/"


def test_a_lead_makes_the_return_and_bad_values_name_their_field(client):
    made = statistics_round()
    (organisation,) = organisations(1)
    staff, searches = metrics()
    client.force_login(organisation.leads.get().user)
    page = client.get(f"/assessments/rounds/{made.pk}/")
    assert _return_url(made, organisation) in page.content.decode()
    for value, words in [
        ("lots", "Library and knowledge staff: enter a number"),
        ("-1", "Library and knowledge staff cannot be less than 0"),
        ("1" * 40, "Library and knowledge staff"),
        ("", "Enter library and knowledge staff"),
    ]:
        response = client.post(
            _return_url(made, organisation), {staff.key: value, searches.key: "10"}
        )
        assert response.status_code == 200, value
        assert words in response.content.decode(), value
    response = client.post(_return_url(made, organisation), {staff.key: "4", searches.key: "10"})
    assert response.status_code == 302
    assert made.returns.get().figures == {staff.key: 4.0, searches.key: 10.0}
    assert client.get(_return_url(made, organisation)).status_code == 302  # once


def test_nobody_but_its_leads_makes_an_organisations_return(client):
    made = statistics_round()
    first, second = organisations(2)
    staff, searches = metrics()
    for person in [second.leads.get().user, make_site_editor(), make_user("m@example.nhs.uk")]:
        client.force_login(person)
        data = {staff.key: "4", searches.key: "10"}
        assert client.post(_return_url(made, first), data).status_code == 404
    assert not made.returns.exists()


def test_late_and_missing_returns_are_listed_for_the_regions_lead_and_site_editors(client):
    made = statistics_round(opens_in=-30, closes_in=-1)
    (late,) = organisations(1)
    (missing,) = organisations(1, start=1)
    (elsewhere,) = organisations(1, start=2, region="london")
    submit(made, late)
    page = f"/assessments/rounds/{made.pk}/"

    client.force_login(regional_lead("south_west", "sw@example.nhs.uk"))
    text = client.get(page).content.decode()
    assert "Missing returns" in text and "Late returns" in text
    assert late.name in text and missing.name in text and elsewhere.name not in text

    client.force_login(make_site_editor())
    text = client.get(page).content.decode()
    assert late.name in text and missing.name in text and elsewhere.name in text

    for person in [missing.leads.get().user, make_user("plain@example.nhs.uk")]:
        client.force_login(person)
        text = client.get(page).content.decode()
        assert "Missing returns" not in text and elsewhere.name not in text


def test_site_editors_open_rounds_and_define_metrics_in_the_admin(client):
    client.force_login(make_site_editor())
    assert ADMIN_ROUNDS in client.get("/admin/").content.decode()
    response = client.post(
        f"{METRICS}new/", {"name": "Training sessions", "description": "", "sort_order": "2"}
    )
    assert response.status_code == 302
    metric = Metric.objects.get(name="Training sessions")
    today = datetime.date.today()
    response = client.post(
        f"{ADMIN_ROUNDS}new/",
        {
            "title": "Annual statistics 2027",
            "kind": "statistics",
            "metrics": [metric.pk],
            "opens_on": today.isoformat(),
            "closes_on": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert "The round must close after it opens" in response.content.decode()
    response = client.post(
        f"{ADMIN_ROUNDS}new/",
        {"title": "QIOF baseline", "kind": "framework", "opens_on": "2027-01-01",
         "closes_on": "2027-03-31"},
    )  # fmt: skip
    assert "A framework baseline needs its framework" in response.content.decode()
    assert not Round.objects.exists()


def test_nobody_else_reaches_rounds_or_metrics_in_the_admin(client):
    in_admin = make_user("admin-user@example.nhs.uk")
    in_admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    made = statistics_round()
    for person in [in_admin, make_user("member@example.nhs.uk")]:
        client.force_login(person)
        for path in [
            ADMIN_ROUNDS,
            f"{ADMIN_ROUNDS}new/",
            f"{ADMIN_ROUNDS}edit/{made.pk}/",
            METRICS,
        ]:
            response = client.get(path)
            assert response.status_code in (302, 403), path
            if response.status_code == 302:
                assert response.url.split("?")[0] in ("/admin/", "/admin/login/"), path
    assert ADMIN_ROUNDS not in client.get("/admin/").content.decode()

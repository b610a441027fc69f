"""Network maturity reviews and the trend the network page shows."""

import datetime
import re
from decimal import Decimal

import pytest

from maturity.models import Dimension
from network.models import NetworkReview, OutcomeMeasure, ReviewScore
from tests.builders.accounts import make_user

CODES = ["nmm-purpose", "nmm-leadership", "nmm-knowledge-sharing", "nmm-learning", "nmm-impact"]


def record(network, date, levels, members):
    review = NetworkReview(network=network, date=date)
    review.scores = [
        ReviewScore(
            dimension=Dimension.objects.get(code=code),
            current_level=level,
            target_level=min(level + 1, 4),
        )
        for code, level in zip(CODES, levels, strict=True)
    ]
    review.measures = [OutcomeMeasure(name="active members", value=members, date=date)]
    review.save()
    return review


def test_the_trend_is_oldest_first_with_every_dimension(networks):
    network = networks["south-west-km"]
    record(network, datetime.date(2026, 6, 1), [2, 2, 3, 1, 1], 40)
    record(network, datetime.date(2025, 3, 1), [1, 1, 1, 0, 0], 12)
    record(networks["board-leads"], datetime.date(2025, 9, 1), [4, 4, 4, 4, 4], 9)
    trend = NetworkReview.trend_for(network)
    assert [d.code for d in trend["dimensions"]] == CODES
    assert [row["review"].date.year for row in trend["reviews"]] == [2025, 2026]
    assert [row["scores"]["nmm-purpose"].current_level for row in trend["reviews"]] == [1, 2]
    assert trend["latest"]["measures"][0].value == Decimal(40)


def test_the_network_page_shows_the_trend_as_a_chart_and_a_table(networks, client):
    network = networks["south-west-km"]
    assert "has not recorded a review of itself yet" in client.get(network.url).content.decode()
    record(network, datetime.date(2025, 3, 1), [1, 1, 1, 0, 0], 12)
    record(network, datetime.date(2026, 6, 1), [2, 2, 3, 1, 1], 40)
    html = client.get(network.url).content.decode()
    assert '<svg class="app-trend-chart"' in html
    table = re.search(r'<table class="nhsuk-table app-trend-table">(.*?)</table>', html, re.S)
    cells = re.findall(r'<td class="nhsuk-table__cell">(.*?)</td>', table.group(1))
    assert cells[:2] == ["1 (2)", "2 (3)"]  # Purpose, March 2025 then June 2026
    assert "Mar 2025" in table.group(1) and "Jun 2026" in table.group(1)
    assert "active members" in html and ">40<" in html


def review_form(**changes):
    data = {"date": "15/03/2026", "notes": "First review."}
    for code in CODES:
        data[f"{code}-current"] = "1"
        data[f"{code}-target"] = "3"
    data.update({"measure-0-name": "active members", "measure-0-value": "25"})
    data.update(changes)
    return data


def test_a_facilitator_records_a_review(networks, client, member_of):
    facilitator = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    client.force_login(facilitator)
    assert client.get("/networks/south-west-km/reviews/add/").status_code == 200
    response = client.post("/networks/south-west-km/reviews/add/", review_form())
    assert response.status_code == 302
    review = NetworkReview.objects.get()
    assert review.date == datetime.date(2026, 3, 15) and review.recorded_by == facilitator
    assert review.scores.count() == 5
    assert [(m.name, m.value) for m in review.measures.all()] == [("active members", 25)]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nmm-impact-target": "0"}, "NMM Impact: the target cannot be below the current level."),
        ({"measure-1-name": "lessons shared"}, "Give a value for “lessons shared”."),
        ({"measure-2-value": "7"}, "Name the measure this value belongs to."),
        ({"nmm-learning-current": "5"}, "Select a valid choice. 5 is not one of the available"),
        (
            {"date": "31/02/2026"},
            "The date of the review must be a real date, for example 15 3 2025",
        ),
    ],
)
def test_review_errors_are_explained(networks, client, member_of, changes, message):
    client.force_login(member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator"))
    response = client.post("/networks/south-west-km/reviews/add/", review_form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "There is a problem" in html
    assert not NetworkReview.objects.exists()


def test_only_the_networks_facilitators_record_reviews(networks, client, member_of):
    client.force_login(member_of("south-west-km", email="plain@example.nhs.uk"))
    assert client.post("/networks/south-west-km/reviews/add/", review_form()).status_code == 403
    client.force_login(member_of("board-leads", email="lead@example.nhs.uk", role="facilitator"))
    assert client.post("/networks/south-west-km/reviews/add/", review_form()).status_code == 403
    client.force_login(make_user("nobody@example.nhs.uk"))
    assert client.get("/networks/south-west-km/reviews/add/").status_code == 403
    assert not NetworkReview.objects.exists()


def as_rendered(form):
    """What a browser sends for a form left untouched: each field's initial value."""
    data = {"date": "15/03/2026"}
    for name in form.fields:
        if name != "date":
            value = form[name].value()
            data[name] = "" if value is None else str(value)
    return data


def test_the_review_form_starts_from_the_last_reviews_levels_and_targets(
    networks, client, member_of
):
    network = networks["south-west-km"]
    record(network, datetime.date(2025, 3, 1), [0, 0, 0, 0, 0], 12)
    record(network, datetime.date(2026, 6, 1), [2, 2, 3, 1, 1], 40)
    client.force_login(member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator"))
    form = client.get("/networks/south-west-km/reviews/add/").context["form"]
    assert [form[f"{code}-current"].value() for code in CODES] == [2, 2, 3, 1, 1]
    assert [form[f"{code}-target"].value() for code in CODES] == [3, 3, 4, 2, 2]
    html = client.get("/networks/south-west-km/reviews/add/").content.decode()
    assert re.search(r'<option value="3" selected>', html)


def test_an_untouched_review_is_refused_in_words(networks, client, member_of):
    network = networks["south-west-km"]
    client.force_login(member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator"))
    url = "/networks/south-west-km/reviews/add/"
    response = client.post(url, as_rendered(client.get(url).context["form"]))
    assert "Nothing was recorded: choose where the network is now" in response.content.decode()
    assert not NetworkReview.objects.exists()  # no all-zero review

    record(network, datetime.date(2026, 6, 1), [2, 2, 3, 1, 1], 40)
    response = client.post(url, as_rendered(client.get(url).context["form"]))
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Nothing changed since the review of 1 June 2026" in html
    assert NetworkReview.objects.count() == 1

    changed = as_rendered(client.get(url).context["form"]) | {"nmm-learning-current": "2"}
    assert client.post(url, changed).status_code == 302
    assert NetworkReview.objects.count() == 2


def test_outcome_measures_are_charted_over_time_with_a_table(networks, client):
    network = networks["south-west-km"]
    record(network, datetime.date(2025, 3, 1), [1, 1, 1, 0, 0], 12)
    later = record(network, datetime.date(2026, 6, 1), [2, 2, 3, 1, 1], 40)
    OutcomeMeasure.objects.create(review=later, name="lessons shared", value=7, date=later.date)
    html = client.get(network.url).content.decode()
    assert html.count('class="app-trend-chart app-measure-chart"') == 2
    assert "active members at each review" in html
    table = re.search(
        r'<table class="nhsuk-table app-trend-table app-measure-table">(.*?)</table>', html, re.S
    ).group(1)
    rows = re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", table, re.S)
    cells = [re.findall(r'<td class="nhsuk-table__cell">(.*?)</td>', row) for row in rows[1:]]
    assert cells == [["12", "40"], ["–", "7"]]

"""The "we applied this" form asks when the team started with the NHS.UK date input (day, month
and year in three boxes, the share form's own field), and each error names the field."""

import datetime

from django.utils import timezone

import pytest

from lessons.models import Application
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.pages import errors_in

APPLY = "/lessons/discharge-huddles/apply/"
LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)


def form_data(day, month, year):
    return {
        "organisation_type": "community_trust",
        "region": "north_west",
        "scale": "team",
        "applied_on_0": day,
        "applied_on_1": month,
        "applied_on_2": year,
        "what_we_did": "Ran the huddle by phone.",
    }


@pytest.fixture
def applier(import_lessons, client):
    import_lessons(lesson())
    user = make_user("cal@example.nhs.uk")
    client.force_login(user)
    return user


def test_the_date_is_three_labelled_boxes_in_a_fieldset_named_by_the_question(applier, client):
    html = client.get(APPLY).content.decode()
    fieldset = html.split('<fieldset class="nhsuk-fieldset" role="group"', 1)[1].split(
        "</fieldset>", 1
    )[0]
    assert "When did you start?</legend>" in fieldset
    for n, label in enumerate(["Day", "Month", "Year"]):
        box = f'<label class="nhsuk-label nhsuk-date-input__label" for="id_applied_on_{n}">'
        assert f"{box}{label}</label>" in fieldset
        assert f'name="applied_on_{n}" type="text" inputmode="numeric"' in fieldset
    assert 'name="applied_on"' not in html


def test_the_date_from_three_boxes_is_recorded(applier, client):
    day = LAST_MONTH
    response = client.post(APPLY, form_data(str(day.day), str(day.month), str(day.year)))
    assert response.status_code == 302
    assert Application.objects.get().applied_on == LAST_MONTH


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date you started"),
        (("15", "", "2026"), "The date you started must include a month"),
        (("", "", "2026"), "The date you started must include a day and a month"),
        (("31", "2", "2026"), "The date you started must be a real date, for example 15 3 2025"),
        (("1", "1", "1850"), "The date you started must have a year between 1950 and"),
        (("1", "1", "٢٠٢٦"), "The date you started must be a real date"),
    ],
)
def test_each_date_error_names_the_field_and_links_to_its_first_box(
    applier, client, parts, message
):
    response = client.post(APPLY, form_data(*parts))
    assert response.status_code == 200
    [error] = errors_in(response)
    assert error.startswith(message)
    html = response.content.decode()
    assert '<a href="#id_applied_on_0">' in html
    assert "nhsuk-input--error" in html
    assert not Application.objects.exists()


def test_a_date_in_the_future_is_refused_by_the_models_own_rule(applier, client):
    soon = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(APPLY, form_data(str(soon.day), str(soon.month), str(soon.year)))
    assert errors_in(response) == ["The date you started must be today or in the past."]
    assert not Application.objects.exists()


@pytest.mark.parametrize("sent", [LAST_MONTH.strftime("%d/%m/%Y"), LAST_MONTH.isoformat()])
def test_a_date_sent_as_one_value_by_a_page_opened_before_the_boxes_still_reads(
    applier, client, sent
):
    data = form_data("", "", "")
    for n in range(3):
        del data[f"applied_on_{n}"]
    response = client.post(APPLY, {**data, "applied_on": sent})
    assert response.status_code == 302
    assert Application.objects.get().applied_on == LAST_MONTH

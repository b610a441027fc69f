"""Whole numbers typed by a person or given in a URL go through one parser (core/numbers.py),
and every form that asks for years uses the vocabulary's limits, naming the field in its
message (issue 13: the apply form accepted 3000 and the model then refused 1000 in Django's
words)."""

import re

from django.urls import reverse

import pytest

from core.numbers import DATABASE_MAX, WholeNumberField, parse_whole_number
from core.vocabulary import MAX_TEAM_YEARS, MAX_YEARS_EXPERIENCE
from lessons.models import Application, LessonPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile

GENERIC = ("Ensure this value", "Enter a whole number")


@pytest.mark.parametrize(
    ("typed", "number"),
    [("0", 0), (" 12 ", 12), ("0600", 600), (str(DATABASE_MAX), DATABASE_MAX), (7, 7)],
)
def test_ascii_digits_within_the_database_range_are_whole_numbers(typed, number):
    assert parse_whole_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "-1",
        "+1",
        "1.5",
        "1e3",
        "²",
        "٣",
        "１２",
        "9" * 5000,
        str(DATABASE_MAX + 1),
        "99999999999999999999999",
        None,
        True,
        "1\x00",
    ],
)
def test_anything_else_is_not_a_whole_number(typed):
    assert parse_whole_number(typed) is None


def test_a_whole_number_field_names_itself_in_its_one_message():
    field = WholeNumberField(label="Team size (optional)", named="Team size", maximum=9)
    for typed in ("10", "²", "-3", "lots"):
        with pytest.raises(Exception) as refused:
            field.clean(typed)
        assert refused.value.messages == ["Team size must be a whole number from 0 to 9"]


def _errors(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def reader(import_lessons):
    import_lessons(lesson())
    user = make_user("cal@example.nhs.uk")
    make_profile(user, display_name="Cal Applier")
    return user


@pytest.mark.parametrize("years", [str(MAX_TEAM_YEARS + 1), "1000", "3000"])
def test_the_apply_form_refuses_team_years_over_the_limit_in_words(reader, client, years):
    client.force_login(reader)
    response = client.post(
        "/lessons/discharge-huddles/apply/",
        {
            "organisation_type": "community_trust",
            "region": "north_west",
            "scale": "team",
            "team_years": years,
            "applied_on": "1/3/2026",
            "what_we_did": "Ran the huddle by phone.",
        },
    )
    text = _errors(response)
    assert f"Years of experience in the team must be a whole number from 0 to {MAX_TEAM_YEARS}" in (
        text
    )
    assert not any(words in text for words in GENERIC)
    assert Application.objects.count() == 0


def test_similar_search_refuses_team_years_over_the_limit_in_words(client, db):
    response = client.get("/search/similar/", {"years_experience": str(MAX_TEAM_YEARS + 1)})
    text = _errors(response)
    assert f"Years of experience in the team must be a whole number from 0 to {MAX_TEAM_YEARS}" in (
        text
    )
    assert not any(words in text for words in GENERIC)


def test_the_profile_form_refuses_years_over_the_limit_in_words(client, db):
    user = make_user("pat@example.nhs.uk")
    make_profile(user, display_name="Pat")
    client.force_login(user)
    response = client.post(
        "/members/me/edit/",
        {"display_name": "Pat", "years_experience": "61", "visibility": "everyone"},
    )
    text = _errors(response)
    assert (
        f"Years of experience in this kind of work must be a whole number from 0 to "
        f"{MAX_YEARS_EXPERIENCE}" in text
    )
    assert not any(words in text for words in GENERIC)


def test_the_share_forms_team_step_refuses_years_over_the_limit_in_words(import_lessons, client):
    import_lessons(lesson())
    champion = make_user("champion@example.nhs.uk")
    client.force_login(champion)
    client.post(
        reverse("lessons:share"),
        {"kind": "lesson", "title": "Protected time", "summary": "Fifteen minutes a day."},
    )
    draft = LessonPage.objects.get(title="Protected time")
    response = client.post(
        reverse("lessons:share_step", args=[draft.pk, "team"]),
        {"member-count": "1", "member-1-role": "Nurse", "member-1-years_experience": "61"},
    )
    text = _errors(response)
    assert (
        f"Years of experience of team member 1 must be a whole number from 0 to "
        f"{MAX_YEARS_EXPERIENCE}" in text
    )
    assert not any(words in text for words in GENERIC)

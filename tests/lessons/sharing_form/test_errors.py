"""Errors in the guided form name the field and keep what was typed."""

import pytest

from lessons.models import LessonPage
from tests.builders.pages import errors_in
from tests.builders.sharing import shared, step, url


@pytest.mark.parametrize(
    "slug, data, message, kept",
    [
        (
            "about",
            {"kind": "lesson", "title": "", "summary": "Kept summary"},
            "Enter a title",
            "Kept summary",
        ),
        (
            "story",
            {"intended": "x" * 20_001, "outcome": "Kept outcome"},
            "What we set out to do: Ensure this value has at most 20000 characters",
            "Kept outcome",
        ),
        (
            "context",
            {"setting": "Kept setting", "date_0": "31", "date_1": "2", "date_2": "2025"},
            "When did the work happen? must be a real date, for example 15 3 2025",
            "Kept setting",
        ),
        (
            "team",
            {
                "member-count": "2",
                "member-1-role": "Kept role",
                "member-2-role": "Pharmacist",
                "member-2-years_experience": "99",
            },
            "Years of experience of team member 2 must be a whole number from 0 to 60",
            "Kept role",
        ),
        (
            "team",
            {"member-count": "1", "member-1-years_experience": "12"},
            "Enter the role of team member 1",
            'value="12"',
        ),
        (
            "themes",
            {"others": "Kept, " + "x" * 101},
            "Other themes: “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is too long",
            "Kept, ",
        ),
        (
            "network",
            {"network": "site", "visibility": "members"},
            "Members-only lessons belong to a network: choose a network, or let everyone read it",
            'value="site" checked',
        ),
        (
            "evidence",
            {"link-count": "1", "link-1-title": "Kept title", "link-1-url": "ftp://x.org/a"},
            "Evidence link 1: Enter an address that starts with http:// or https://",
            "Kept title",
        ),
        (
            "evidence",
            {"link-count": "2", "link-2-url": "https://example.org/kept"},
            "Enter the title of evidence link 2",
            "https://example.org/kept",
        ),
        (
            "maturity",
            {"outcome": ""},
            "Select a maturity outcome",
            "Choose an outcome",
        ),
    ],
)
def test_errors_name_the_field_and_keep_what_was_typed(champion, client, slug, data, message, kept):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(step(lesson, slug), data)
    assert response.status_code == 400
    errors = errors_in(response)
    assert any(error.startswith(message) for error in errors), errors
    html = response.content.decode()
    assert kept in html
    assert 'data-module="nhsuk-error-summary"' in html
    assert "<title>Error: " in html
    assert lesson.revisions.count() == revisions


def test_factor_and_level_errors_name_the_field(champion, client):
    lesson = shared(champion)
    response = client.post(
        url("share_factor", lesson, "new"),
        {"type": "barrier", "statement": "", "why-count": "2", "why-2-text": "Kept why"},
    )
    assert response.status_code == 400
    assert (
        errors_in(response)
        == [
            "Enter the factor as people first say it",
        ]
        or errors_in(response)[0] == "Enter the factor as people first say it"
    )
    assert "Kept why" in response.content.decode()
    response = client.post(
        url("share_factor", lesson, "new"), {"type": "barrier", "statement": "S"}
    )
    assert "Enter at least one why: why did this help, or get in the way?" in errors_in(response)
    response = client.post(url("share_level", lesson, "qiof-2"), {})
    assert errors_in(response) == ["Select the level your lesson speaks to"]


def test_the_first_step_keeps_what_was_typed_before_there_is_a_draft(champion, client):
    response = client.post("/lessons/share/", {"kind": "retrospect", "title": "Kept title"})
    assert response.status_code == 400
    assert errors_in(response) == ["Enter a summary"]
    html = response.content.decode()
    assert 'value="Kept title"' in html
    assert 'value="retrospect" checked' in html
    assert not LessonPage.objects.filter(title="Kept title").exists()

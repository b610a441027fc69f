"""A lesson's impact in lessons/v1 (shared/contracts/README.md, `impact`): the project's schema is
the contract's, byte for byte, and `impact` goes in and comes out unchanged."""

import hashlib
import io
import json
import os
from decimal import Decimal
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from lessons.exchange.exporter import export_document
from lessons.models import LessonPage
from tests.builders.lessons import lesson

REPO = Path(__file__).resolve().parents[2]
PROJECT_SCHEMA = REPO / "lessons" / "exchange" / "schema" / "lessons-v1.schema.json"
CONTRACTS = Path(os.environ.get("CONTRACTS_DIR", REPO.parent / "shared" / "contracts"))
# The contract's schema as issue 21 left it, for a checkout without the contracts beside it.
CONTRACT_SHA256 = "408bb2316f37070168efb33f5f6c288bf64b40df3513f974b198c4d1f7bf8e23"

IMPACT = {
    "beneficiaries": ["patients", "clinical_teams"],
    "impact_types": ["time_saved", "decision_making"],
    "decisions_informed": 12,
    "hours_saved": 30.5,
    "money_saved_gbp": 4000,
    "outcome": "Ward rounds used the evidence summaries in twelve decisions.",
    "vignette": "A librarian at the huddle gave the ward back thirty hours in a quarter.",
    "quote": {"text": "We stopped searching and started deciding.", "speaker": "Ward sister"},
    "corroboration": [{"title": "Quarterly audit", "url": "https://example.org/audit"}],
}


def test_the_projects_schema_is_the_contracts_byte_for_byte():
    ours = PROJECT_SCHEMA.read_bytes()
    contract = CONTRACTS / "lessons-v1.schema.json"
    if contract.exists():
        assert ours == contract.read_bytes()
    assert hashlib.sha256(ours).hexdigest() == CONTRACT_SHA256


def test_impact_goes_through_import_and_export_unchanged(import_lessons):
    import_lessons(lesson(kind="case_study", impact=IMPACT))
    page = LessonPage.objects.get(slug=lesson()["slug"])
    assert page.impact_hours_saved == Decimal("30.5")
    assert page.impact_money_saved_gbp == Decimal("4000")
    assert page.impact_quote_speaker == "Ward sister"
    (exported,) = export_document()["lessons"]
    assert exported["impact"] == IMPACT
    assert isinstance(exported["impact"]["money_saved_gbp"], int)


def test_impact_is_allowed_on_any_kind_and_a_second_import_changes_nothing(import_lessons):
    import_lessons(lesson(kind="lesson", impact=IMPACT))
    result = import_lessons(lesson(kind="lesson", impact=IMPACT))
    assert str(result.lessons) == "created 0, updated 0, unchanged 1"


def test_a_lesson_without_impact_exports_none(import_lessons):
    import_lessons(lesson())
    (exported,) = export_document()["lessons"]
    assert "impact" not in exported


def test_figures_with_more_than_two_decimals_import_the_same_each_time(import_lessons):
    data = lesson(impact={"hours_saved": 2.125})
    import_lessons(data)
    assert str(import_lessons(data).lessons) == "created 0, updated 0, unchanged 1"
    assert LessonPage.objects.get().impact_hours_saved == Decimal("2.12")


def errors_for(tmp_path, data):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps({"format": "lessons/v1", "lessons": [data]}))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_lessons", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.mark.parametrize(
    ("impact", "expected"),
    [
        ({"hours_saved": -1}, "lessons[0].impact.hours_saved: must be at least 0"),
        ({"impact_types": ["happiness"]}, "lessons[0].impact.impact_types[0]: must be one of"),
        ({"vignette": "x" * 601}, "lessons[0].impact.vignette: must be at most 600 characters"),
        ({"quote": {"text": "Yes"}}, "lessons[0].impact.quote.speaker: is required"),
        (
            {"corroboration": [{"title": "Audit", "url": "ftp://example.org/a"}]},
            "lessons[0].impact.corroboration[0].url: must be an http or https address",
        ),
        ({"hours": 3}, "lessons[0].impact.hours: is not a known field"),
    ],
)
def test_bad_impact_is_refused_with_its_json_path(site_tree, tmp_path, impact, expected):
    assert expected in errors_for(tmp_path, lesson(impact=impact))
    assert not LessonPage.objects.exists()

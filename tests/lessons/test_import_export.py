"""The lessons/v1 contract: import_lessons and export_lessons (shared/contracts/README.md)."""

import io
import json
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from home.models import HomePage
from lessons.exchange.exporter import export_document
from lessons.exchange.format import VALIDATOR
from lessons.models import LessonIndexPage, LessonPage
from network.models import NetworkIndexPage, NetworkPage
from tests.builders.lessons import context, document, lesson

DEMO_FILE = Path(__file__).resolve().parents[2] / "home" / "demo" / "lessons.json"


def run_import(tmp_path, doc, *args):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_lessons", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_errors(tmp_path, doc):
    with pytest.raises(CommandError) as failure:
        run_import(tmp_path, doc)
    assert failure.value.returncode == 1
    assert "nothing was imported" in str(failure.value)
    return failure.value


def errors_for(tmp_path, doc):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(doc))
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_lessons", str(path), stdout=io.StringIO(), stderr=err)
    assert failure.value.returncode == 1
    return err.getvalue().splitlines()


def with_team_years(years):
    data = lesson()
    data["context"]["team"][0]["years_experience"] = years
    return data


def with_factor(**changes):
    data = lesson()
    data["factors"][0].update(changes)
    return data


INVALID = [
    ({"format": "lessons/v2", "lessons": []}, 'format: must be "lessons/v1"'),
    (
        {"format": "lessons/v1", "lessons": [], "extra": 1},
        "extra: is not a known field (check the spelling)",
    ),
    ({"format": "lessons/v1"}, "lessons: is required"),
    ({"format": "lessons/v1", "lessons": {}}, "lessons: must be a list"),
    (
        document({k: v for k, v in lesson().items() if k != "summary"}),
        "lessons[0].summary: is required",
    ),
    (document({k: v for k, v in lesson().items() if k != "slug"}), "lessons[0].slug: is required"),
    (
        document(lesson(colour="blue")),
        "lessons[0].colour: is not a known field (check the spelling)",
    ),
    (
        document(lesson(slug="Not A Slug")),
        "lessons[0].slug: must be lower-case letters and digits, separated by single hyphens",
    ),
    (document(lesson(title="")), "lessons[0].title: must not be empty"),
    (document(lesson(summary="x" * 1001)), "lessons[0].summary: must be at most 1000 characters"),
    (
        document(lesson(kind="story")),
        "lessons[0].kind: must be one of: lesson, case_study, before_action_review, "
        "after_action_review, retrospect",
    ),
    (document(lesson(status="archived")), "lessons[0].status: must be one of: published, draft"),
    (
        document(lesson(visibility="secret")),
        "lessons[0].visibility: must be one of: public, members",
    ),
    (
        document({k: v for k, v in lesson(visibility="members").items() if k != "network"}),
        'lessons[0].network: is required when visibility is "members"',
    ),
    (
        document(lesson(network="nowhere")),
        'lessons[0].network: "nowhere" is not a network in this file or on the site',
    ),
    (document(lesson(date="2025-02-30")), "lessons[0].date: must be a date written YYYY-MM-DD"),
    (
        document(lesson(context={"organisation_type": "hospital"})),
        "lessons[0].context.organisation_type: must be one of: acute_trust, mental_health_trust, "
        "community_trust, ambulance_trust, specialist_trust, primary_care, integrated_care_board, "
        "social_care, national_body, academic, charity, other",
    ),
    (
        document(lesson(context={"region": "wales"})),
        "lessons[0].context.region: must be one of: north_east_and_yorkshire, north_west, "
        "midlands, east_of_england, london, south_east, south_west, national",
    ),
    (
        document(lesson(context={"scale": "ward"})),
        "lessons[0].context.scale: must be one of: team, department, organisation, system, "
        "national",
    ),
    (
        document(lesson(context={"team": [{"years_experience": 3}]})),
        "lessons[0].context.team[0].role: is required",
    ),
    (
        document(with_team_years(61)),
        "lessons[0].context.team[0].years_experience: must be an integer from 0 to 60",
    ),
    (
        document(with_team_years(-1)),
        "lessons[0].context.team[0].years_experience: must be an integer from 0 to 60",
    ),
    (
        document(with_team_years("ten")),
        "lessons[0].context.team[0].years_experience: must be an integer from 0 to 60",
    ),
    (
        document(with_team_years(2.5)),
        "lessons[0].context.team[0].years_experience: must be an integer from 0 to 60",
    ),
    (
        document(with_factor(type="enabler")),
        "lessons[0].factors[0].type: must be one of: success_factor, barrier",
    ),
    (document(with_factor(whys=[])), "lessons[0].factors[0].whys: must have at least 1 item(s)"),
    (
        document(with_factor(whys=[f"why {n}" for n in range(8)])),
        "lessons[0].factors[0].whys: must have at most 7 items",
    ),
    (document(with_factor(whys=["a", ""])), "lessons[0].factors[0].whys[1]: must not be empty"),
    (
        document(lesson(maturity=[{"dimension": "qiof-9", "level": 1}])),
        'lessons[0].maturity[0].dimension: "qiof-9" is not a known dimension code',
    ),
    (
        document(lesson(maturity=[{"dimension": "qiof-2", "level": 5}])),
        "lessons[0].maturity[0].level: must be an integer from 0 to 4",
    ),
    (
        document(lesson(maturity=[{"dimension": "qiof-2", "level": "2"}])),
        "lessons[0].maturity[0].level: must be an integer from 0 to 4",
    ),
    (
        document(
            lesson(
                maturity=[{"dimension": "qiof-2", "level": 1}, {"dimension": "qiof-2", "level": 2}]
            )
        ),
        'lessons[0].maturity[1].dimension: "qiof-2" is linked more than once',
    ),
    (
        document(lesson(evidence=[{"title": "Report", "url": "ftp://example.org/x"}])),
        "lessons[0].evidence[0].url: must be an http or https address",
    ),
    (
        document(lesson(), lesson(title="Again")),
        'lessons[1].slug: "discharge-huddles" appears more than once',
    ),
    (document(lesson(), networks=[{"slug": "south-west-km"}]), "networks[0].title: is required"),
]


@pytest.mark.parametrize(("doc", "expected"), INVALID)
def test_each_invalid_input_is_reported_with_its_json_path(site_tree, tmp_path, doc, expected):
    assert expected in errors_for(tmp_path, doc)


def test_every_error_in_a_file_is_reported_and_nothing_is_written(site_tree, tmp_path):
    good = lesson(slug="a-good-one")
    bad_years = with_team_years(99)
    bad_years["slug"] = "bad-years"
    bad_level = lesson(slug="bad-level", maturity=[{"dimension": "qiof-1", "level": 7}])
    lines = errors_for(tmp_path, document(good, bad_years, lesson(slug="x", kind="?"), bad_level))
    assert lines == [
        "lessons[1].context.team[0].years_experience: must be an integer from 0 to 60",
        "lessons[2].kind: must be one of: lesson, case_study, before_action_review, "
        "after_action_review, retrospect",
        "lessons[3].maturity[0].level: must be an integer from 0 to 4",
    ]
    assert not LessonPage.objects.exists()
    assert not NetworkPage.objects.exists()


def test_a_file_that_is_not_json_is_refused(site_tree, tmp_path):
    failure = import_errors_text(tmp_path, "{not json")
    assert "not valid JSON" in str(failure)


def import_errors_text(tmp_path, text):
    with pytest.raises(CommandError) as failure:
        run_import(tmp_path, text)
    assert failure.value.returncode == 1
    return failure.value


def test_a_missing_file_is_refused(site_tree):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_lessons", "/nowhere/lessons.json", stdout=io.StringIO())


def test_dry_run_validates_without_writing(site_tree, tmp_path):
    out, _ = run_import(tmp_path, document(lesson()), "--dry-run")
    assert "is valid: 1 lesson(s)" in out
    assert not LessonPage.objects.exists()


def test_import_works_on_a_freshly_migrated_site(db, tmp_path, client):
    out, _ = run_import(tmp_path, document(lesson()))
    assert out.strip().splitlines()[-1] == (
        "created 1, updated 0, unchanged 0; networks: created 2, updated 0, unchanged 0"
    )
    assert HomePage.objects.count() == 1
    assert LessonIndexPage.objects.get().url == "/lessons/"
    assert NetworkIndexPage.objects.get().url == "/networks/"
    assert LessonPage.objects.get().url == "/lessons/discharge-huddles/"
    assert NetworkPage.objects.get(slug="south-west-km").url == "/networks/south-west-km/"
    assert client.get("/lessons/discharge-huddles/").status_code == 200
    assert client.get("/networks/south-west-km/").status_code == 200


def test_import_is_idempotent_and_updates_by_slug(site_tree, tmp_path):
    doc = document(lesson(), lesson(slug="second-lesson", title="Second"))
    out, _ = run_import(tmp_path, doc)
    assert out.strip() == (
        "created 2, updated 0, unchanged 0; networks: created 2, updated 0, unchanged 0"
    )
    revisions = LessonPage.objects.get(slug="discharge-huddles").revisions.count()

    out, _ = run_import(tmp_path, doc)
    assert out.strip() == (
        "created 0, updated 0, unchanged 2; networks: created 0, updated 0, unchanged 2"
    )
    assert LessonPage.objects.get(slug="discharge-huddles").revisions.count() == revisions

    doc["lessons"][1]["context"]["team"][1]["years_experience"] = 10
    out, _ = run_import(tmp_path, doc)
    assert out.strip().startswith("created 0, updated 1, unchanged 1;")
    page = LessonPage.objects.get(slug="second-lesson")
    assert [m.years_experience for m in page.team_members.all()] == [18, 10]
    assert LessonPage.objects.count() == 2


def test_published_lessons_go_live_and_drafts_stay_unpublished(import_lessons, client):
    import_lessons(lesson(), lesson(slug="work-in-progress", title="WIP", status="draft"))
    assert LessonPage.objects.get(slug="discharge-huddles").live
    draft = LessonPage.objects.get(slug="work-in-progress")
    assert not draft.live
    assert client.get("/lessons/work-in-progress/").status_code == 404


def test_a_published_lesson_imported_as_draft_is_unpublished(import_lessons):
    import_lessons(lesson())
    result = import_lessons(lesson(status="draft"))
    assert str(result.lessons) == "created 0, updated 1, unchanged 0"
    assert not LessonPage.objects.get(slug="discharge-huddles").live
    result = import_lessons(lesson(status="draft"))
    assert str(result.lessons) == "created 0, updated 0, unchanged 1"


def test_a_draft_updated_by_import_keeps_its_new_content(import_lessons):
    import_lessons(lesson(status="draft"))
    import_lessons(lesson(status="draft", title="Renamed draft"))
    exported = export_document(include_drafts=True)
    assert exported["lessons"][0]["title"] == "Renamed draft"
    assert exported["lessons"][0]["status"] == "draft"


def test_import_updates_the_search_index(import_lessons):
    import_lessons(lesson())
    assert [p.slug for p in LessonPage.objects.live().search("huddles")] == ["discharge-huddles"]
    assert not list(LessonPage.objects.live().search("whiteboard"))
    import_lessons(lesson(title="Morning whiteboard rounds"))
    assert [p.slug for p in LessonPage.objects.live().search("whiteboard")] == ["discharge-huddles"]


def test_a_lesson_may_name_a_network_that_already_exists(import_lessons):
    import_lessons(lesson())
    result = import_lessons(lesson(slug="another", title="Another"), networks=[])
    assert result.lessons.created == 1
    assert LessonPage.objects.get(slug="another").network.slug == "south-west-km"


def test_progress_is_shown_only_on_a_terminal(site_tree, tmp_path):
    out, _ = run_import(tmp_path, document(lesson()))
    assert "\r" not in out
    assert "Importing lessons" not in out


def test_every_field_arrives_on_the_page(import_lessons):
    import_lessons(lesson())
    page = LessonPage.objects.get(slug="discharge-huddles")
    assert page.kind == "lesson"
    assert page.organisation_type == "acute_trust"
    assert page.region == "south_west"
    assert page.scale == "department"
    assert page.setting == "inpatient wards"
    assert page.network.slug == "south-west-km"
    assert sorted(t.name for t in page.themes.all()) == ["huddles", "patient flow"]
    assert page.team_members.first().specialism_list == ["infection prevention and control"]
    assert list(page.factors[0].value["whys"]) == LESSON_WHYS
    assert [b.value for b in page.recommendations] == [
        "Start with one ward.",
        "Keep it to ten minutes.",
    ]
    assert [(m.dimension.code, m.level) for m in page.maturity_links.all()] == [("qiof-2", 2)]
    assert page.evidence[0].value["url"] == "https://example.org/report"


LESSON_WHYS = lesson()["factors"][0]["whys"]


def test_export_writes_published_lessons_and_drafts_on_request(import_lessons, tmp_path):
    import_lessons(lesson(), lesson(slug="work-in-progress", title="WIP", status="draft"))
    out = io.StringIO()
    call_command("export_lessons", stdout=out)
    published = json.loads(out.getvalue())
    assert [item["slug"] for item in published["lessons"]] == ["discharge-huddles"]

    target = tmp_path / "all.json"
    call_command("export_lessons", "--out", str(target), "--include-drafts", stderr=io.StringIO())
    everything = json.loads(target.read_text())
    assert [item["slug"] for item in everything["lessons"]] == [
        "discharge-huddles",
        "work-in-progress",
    ]
    assert list(VALIDATOR.iter_errors(everything)) == []


def test_export_of_a_full_lesson_matches_what_was_imported(import_lessons):
    import_lessons(lesson())
    exported = export_document()
    assert exported["lessons"] == [lesson()]
    assert exported["networks"] == [NETWORKS_BY_SLUG["south-west-km"]]


NETWORKS_BY_SLUG = {n["slug"]: n for n in document()["networks"]}


def test_round_trip_through_an_empty_site_gives_the_same_document(site_tree, tmp_path):
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    run_import(tmp_path, demo)
    first = export_document(include_drafts=True)
    assert len(first["lessons"]) == len(demo["lessons"])

    _, lesson_index, network_index = site_tree
    for page in LessonPage.objects.all():
        page.delete()
    for page in NetworkPage.objects.all():
        page.delete()
    assert not LessonPage.objects.exists()

    run_import(tmp_path, first)
    second = export_document(include_drafts=True)
    assert second == first


def test_import_records_what_each_lesson_refers_to(import_lessons):
    from wagtail.models import ReferenceIndex

    from maturity.models import Dimension

    import_lessons(lesson())
    page = LessonPage.objects.get(slug="discharge-huddles")
    using_outcome_2 = ReferenceIndex.get_references_to(Dimension.objects.get(code="qiof-2"))
    assert page.pk in [int(ref.object_id) for ref in using_outcome_2]
    using_network = ReferenceIndex.get_references_to(NetworkPage.objects.get(slug="south-west-km"))
    assert page.pk in [int(ref.object_id) for ref in using_network]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_on_a_terminal(site_tree, tmp_path):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(document(lesson(), lesson(slug="second", title="Second"))))
    out, err = io.StringIO(), Terminal()
    call_command("import_lessons", str(path), stdout=out, stderr=err)
    # On standard error, so that the summary on standard output stays one line.
    assert "\rImporting lessons: 0/2 (0%)" in err.getvalue()
    assert "\rImporting lessons: 2/2 (100%), " in err.getvalue()
    assert out.getvalue().startswith("created 2, updated 0, unchanged 0;")


def test_a_lessons_team_and_outcomes_keep_the_order_of_the_file(import_lessons):
    """Numbered as given: unnumbered rows come back in whatever order PostgreSQL finds them,
    which once differed between an export and the same file imported again."""
    team = [{"role": "Ward sister"}, {"role": "Clinical librarian"}, {"role": "Matron"}]
    maturity = [{"dimension": "qiof-2", "level": 2}, {"dimension": "qiof-1", "level": 1}]
    import_lessons(lesson(context=context(team=team), maturity=maturity))
    page = LessonPage.objects.get(slug="discharge-huddles")
    assert list(page.team_members.values_list("role", "sort_order")) == [
        ("Ward sister", 0),
        ("Clinical librarian", 1),
        ("Matron", 2),
    ]
    assert list(page.maturity_links.values_list("dimension__code", "sort_order")) == [
        ("qiof-2", 0),
        ("qiof-1", 1),
    ]

"""Imports that must not hurt: nothing made less private without asking, networks counted, and
every input ending in the documented error list or a successful import (issue 8, items 14, 15)."""

import copy
import io
import json

from django.core.management import CommandError, call_command
from django.db import transaction

import pytest

from home.site_tree import import_lessons as import_document
from lessons.exchange.validation import InvalidDocument
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.lessons import NETWORKS, document, lesson


def run(tmp_path, doc, *args):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(doc))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_lessons", str(path), *args, stdout=out, stderr=err)
    return out.getvalue().strip()


def errors_of(tmp_path, doc, *args):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(doc))
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_lessons", str(path), *args, stdout=io.StringIO(), stderr=err)
    assert failure.value.returncode == 1
    return err.getvalue().splitlines()


def with_network(slug, **changes):
    return [{**n, **changes} if n["slug"] == slug else n for n in copy.deepcopy(NETWORKS)]


# Networks in the summary; visibility changes need the flag (item 14)


def test_the_summary_counts_networks_after_lessons(site_tree, tmp_path):
    doc = document(lesson())
    assert run(tmp_path, doc) == (
        "created 1, updated 0, unchanged 0; networks: created 2, updated 0, unchanged 0"
    )
    assert run(tmp_path, doc) == (
        "created 0, updated 0, unchanged 1; networks: created 0, updated 0, unchanged 2"
    )
    doc["networks"][0]["purpose"] = "A new purpose."
    assert run(tmp_path, doc) == (
        "created 0, updated 0, unchanged 1; networks: created 0, updated 1, unchanged 1"
    )


def test_making_a_members_only_network_public_is_an_error_without_the_flag(site_tree, tmp_path):
    run(tmp_path, document(lesson()))
    opened = document(lesson(), networks=with_network("board-leads", visibility="public"))
    assert errors_of(tmp_path, opened) == [
        'networks[1].visibility: would make the members-only network "board-leads" public; '
        "to do that, import again with --allow-visibility-change"
    ]
    assert NetworkPage.objects.get(slug="board-leads").visibility == "members"


def test_leaving_out_visibility_would_make_it_public_so_it_is_an_error_too(site_tree, tmp_path):
    run(tmp_path, document(lesson()))
    networks = copy.deepcopy(NETWORKS)
    del networks[1]["visibility"]
    errors = errors_of(tmp_path, document(lesson(), networks=networks))
    assert errors[0].startswith("networks[1].visibility: would make the members-only network")


def test_with_the_flag_a_network_is_made_public_and_counted(site_tree, tmp_path):
    run(tmp_path, document(lesson()))
    opened = document(lesson(), networks=with_network("board-leads", visibility="public"))
    assert errors_of(tmp_path, opened, "--dry-run")  # a dry run reports it as well
    summary = run(tmp_path, opened, "--allow-visibility-change")
    assert summary.endswith("; networks: created 0, updated 1, unchanged 1")
    assert NetworkPage.objects.get(slug="board-leads").visibility == "public"


def test_making_a_members_only_lesson_public_needs_the_flag_too(site_tree, tmp_path):
    private = lesson(visibility="members", network="board-leads")
    run(tmp_path, document(private))
    public = lesson(visibility="public", network="board-leads")
    assert errors_of(tmp_path, document(public)) == [
        'lessons[0].visibility: would make the members-only lesson "discharge-huddles" public; '
        "to do that, import again with --allow-visibility-change"
    ]
    assert LessonPage.objects.get().visibility == "members"
    summary = run(tmp_path, document(public), "--allow-visibility-change")
    assert summary.startswith("created 0, updated 1, unchanged 0;")
    assert LessonPage.objects.get().visibility == "public"


def test_making_things_more_private_needs_no_flag(site_tree, tmp_path):
    run(tmp_path, document(lesson()))
    closed = document(
        lesson(visibility="members"), networks=with_network("south-west-km", visibility="members")
    )
    assert run(tmp_path, closed).startswith("created 0, updated 1, unchanged 0;")
    assert NetworkPage.objects.get(slug="south-west-km").visibility == "members"


# Every input the schema accepts imports (item 15)


def test_a_network_without_a_purpose_imports(site_tree, tmp_path):
    networks = [{"slug": "no-purpose", "title": "No purpose yet"}]
    summary = run(tmp_path, document(lesson(network="no-purpose"), networks=networks))
    assert summary.startswith("created 1, updated 0, unchanged 0; networks: created 1")
    assert NetworkPage.objects.get(slug="no-purpose").purpose == ""


def test_themes_of_100_characters_import_and_longer_ones_are_errors(site_tree, tmp_path):
    longest = "t" * 99 + "é"
    run(tmp_path, document(lesson(themes=[longest])))
    assert [t.name for t in LessonPage.objects.get().themes.all()] == [longest]
    errors = errors_of(tmp_path, document(lesson(themes=["huddles", "t" * 101])))
    assert errors == ["lessons[0].themes[1]: must be at most 100 characters"]


NUL_PLACES = [
    (lambda d: d["lessons"][0].update(title="Daily\x00huddles"), "lessons[0].title"),
    (lambda d: d["lessons"][0].update(summary="\x00"), "lessons[0].summary"),
    (
        lambda d: d["lessons"][0]["factors"][0]["whys"].append("why\x00"),
        "lessons[0].factors[0].whys[3]",
    ),
    (lambda d: d["lessons"][0].update(recommendations=["a\x00"]), "lessons[0].recommendations[0]"),
    (lambda d: d["lessons"][0].update(themes=["\x00"]), "lessons[0].themes[0]"),
    (lambda d: d["networks"][0].update(purpose="\x00"), "networks[0].purpose"),
    (
        lambda d: d["lessons"][0]["context"]["team"][0]["training"].append("QI\x00"),
        "lessons[0].context.team[0].training[1]",
    ),
    (
        lambda d: d["lessons"][0].update(
            applications=[{"applied_on": "2026-01-01", "what_we_did": "\x00"}]
        ),
        "lessons[0].applications[0].what_we_did",
    ),
]


@pytest.mark.parametrize(("spoil", "path"), NUL_PLACES)
def test_a_nul_character_anywhere_is_an_error(site_tree, tmp_path, spoil, path):
    doc = document(lesson())
    spoil(doc)
    assert f"{path}: must not contain a NUL character" in errors_of(tmp_path, doc)
    assert not LessonPage.objects.exists()


# Any change to any value of a full document: an error list or an import, never a traceback.

ODD_VALUES = [None, -1, 2.5, "", " ", "\x00", "x" * 256, "İ" * 100, [], {"x": 1}]


def paths_in(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_in(item, (*path, index))


def replaced(doc, path, value):
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


FULL = document(
    lesson(
        related=[{"slug": "other", "relation": "builds_on"}],
        applications=[{"applied_on": "2026-02-01", "team_years": 12, "result": "worked"}],
    ),
    lesson(slug="other", title="Other", network="board-leads", visibility="members"),
)


def test_any_odd_value_anywhere_ends_in_errors_or_an_import(site_tree):
    outcomes = {"invalid": 0, "imported": 0}
    # Every place in the first lesson and the first network, and the document's own keys.
    paths = [p for p in paths_in(FULL) if p and p[:2] not in (("lessons", 1), ("networks", 1))]
    for path in paths:
        for value in ODD_VALUES:
            doc = replaced(FULL, path, value)
            with transaction.atomic():
                try:
                    import_document(doc)
                    outcomes["imported"] += 1
                except InvalidDocument as invalid:
                    assert invalid.errors, (path, value)
                    outcomes["invalid"] += 1
                except Exception as error:  # noqa: BLE001 - the test is that none happens
                    pytest.fail(f"{path} = {value!r}: {error!r}")
                transaction.set_rollback(True)
    assert outcomes["imported"] and outcomes["invalid"]


def test_long_themes_whose_addresses_would_not_fit_import(site_tree, tmp_path):
    # The first three make the same address (the third would need "_2"); the last one's
    # characters each become two ("㎞" is "km").
    themes = ["a" * 99 + "!", "a" * 99 + "?", "a" * 99 + ".", "㎞" * 100]
    run(tmp_path, document(lesson(themes=themes)))
    tags = LessonPage.objects.get().themes.all()
    assert sorted(t.name for t in tags) == sorted(themes)
    assert all(len(t.slug) <= 100 for t in tags)
    assert len({t.slug for t in tags}) == 4


def test_an_unpaired_surrogate_is_an_error_not_a_crash(site_tree, tmp_path):
    # "\ud800" is valid JSON and a valid schema string, but no database stores it.
    doc = document(lesson(title="Daily \ud800 huddles"))
    doc["lessons"][0]["colour\ud800"] = "blue"
    assert errors_of(tmp_path, doc) == [
        'lessons[0]."colour\\ud800": is not a known field (check the spelling)',
        "lessons[0].title: must be valid Unicode text (it contains an unpaired surrogate)",
    ]


def test_a_file_nested_too_deeply_is_refused_cleanly(site_tree, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "lessons/v1", "lessons": ' + "[" * 50_000 + "]" * 50_000 + "}")
    with pytest.raises(CommandError, match="not valid JSON \\(nested too deeply\\)"):
        call_command("import_lessons", str(path), stdout=io.StringIO())
    nested = {"format": "lessons/v1", "lessons": [[]]}
    inner = nested["lessons"][0]
    for _ in range(5000):
        inner.append([])
        inner = inner[0]
    assert errors_of(tmp_path, nested) == ["lessons[0]: must be an object"]

"""import_lessons reads its file a lesson at a time (lessons/exchange/reading.py): memory does not
grow with the file, a bad lesson anywhere still stops everything before anything is written,
and a file changed while it is imported imports nothing."""

import io
import json
import tracemalloc

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import ReferenceIndex

import pytest

from lessons.exchange.reading import FileSource, UnreadableFile
from lessons.exchange.validation import InvalidDocument
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.lessons import document, lesson


def numbered(count):
    return [lesson(slug=f"stream-{n}", title=f"Streamed {n}") for n in range(count)]


def write(path, data, **dump):
    path.write_text(json.dumps(data, **dump), encoding="utf-8")
    return str(path)


def peak_while_checking(path):
    tracemalloc.start()
    try:
        call_command("import_lessons", path, "--dry-run", stdout=io.StringIO())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_checking_a_file_takes_about_the_same_memory_at_six_times_the_lessons(site_tree, tmp_path):
    small = write(tmp_path / "small.json", document(*numbered(400)))
    large = write(tmp_path / "large.json", document(*numbered(2400)))
    peak_while_checking(small)  # what is imported once (schema, templates) out of the way
    # Read whole, 2,000 lessons more would take tens of megabytes.
    assert peak_while_checking(large) - peak_while_checking(small) < 5_000_000


def test_a_bad_lesson_at_the_end_of_a_large_file_stops_everything(site_tree, tmp_path):
    lessons = numbered(300)
    lessons[-1]["context"] = {"scale": "galaxy"}
    path = write(tmp_path / "lessons.json", document(*lessons), indent=2)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_lessons", path, stdout=io.StringIO(), stderr=err)
    assert "lessons[299].context.scale: must be one of:" in err.getvalue()
    assert not LessonPage.objects.exists() and not NetworkPage.objects.exists()


def test_a_lesson_may_link_to_one_further_on_in_the_file(site_tree, tmp_path):
    lessons = numbered(450)
    lessons[0]["related"] = [{"slug": "stream-449", "relation": "builds_on"}]
    path = write(tmp_path / "lessons.json", document(*lessons))
    call_command("import_lessons", path, stdout=io.StringIO())
    first = LessonPage.objects.get(slug="stream-0")
    assert [link.target.slug for link in first.related_links.all()] == ["stream-449"]


def test_the_last_of_a_repeated_key_counts_as_when_read_whole(site_tree, tmp_path):
    text = json.dumps(document(lesson(slug="first-list")))[:-1]
    text += ', "lessons": [' + json.dumps(lesson(slug="second-list")) + "]}"
    path = tmp_path / "repeated.json"
    path.write_text(text, encoding="utf-8")
    call_command("import_lessons", str(path), stdout=io.StringIO())
    assert list(LessonPage.objects.values_list("slug", flat=True)) == ["second-list"]


def test_a_file_changed_while_it_is_imported_imports_nothing(site_tree, tmp_path):
    path = write(tmp_path / "lessons.json", document(*numbered(3)))
    source = FileSource(path)
    write(tmp_path / "lessons.json", document(*numbered(4)))
    with pytest.raises(UnreadableFile, match="changed while it was imported; nothing was imported"):
        from home import site_tree as tree  # noqa: PLC0415

        tree.import_lessons(source)
    assert not LessonPage.objects.exists()


def test_errors_name_the_lesson_and_field_as_when_read_whole(site_tree, tmp_path):
    lessons = numbered(3)
    lessons[1]["context"] = {"team": [{"role": "Nurse", "years_experience": 99}]}
    lessons[2]["network"] = "nowhere-km"
    path = write(tmp_path / "lessons.json", document(*lessons))
    from home import site_tree as tree  # noqa: PLC0415

    with pytest.raises(InvalidDocument) as streamed:
        tree.import_lessons(FileSource(path))
    with pytest.raises(InvalidDocument) as whole:
        tree.import_lessons(document(*lessons))
    assert (
        streamed.value.errors
        == whole.value.errors
        == [
            "lessons[1].context.team[0].years_experience: must be an integer from 0 to 60",
            'lessons[2].network: "nowhere-km" is not a network in this file or on the site',
        ]
    )


def test_the_reference_index_written_in_bulk_is_wagtails_own(import_lessons):
    """creating.NewLessons writes each new lesson's reference index in one statement with two
    private methods of Wagtail's ReferenceIndex (Wagtail 8 has no public way to do it in
    bulk). Wagtail's public create_or_update_for_object must find nothing to change."""
    import_lessons(lesson(), lesson(slug="second", title="Second"))

    def rows(page):
        return set(
            ReferenceIndex.get_references_for_object(page).values_list(
                "to_content_type",
                "to_object_id",
                "model_path",
                "content_path",
                "content_path_hash",
            )
        )

    for page in LessonPage.objects.all():
        written = rows(page)
        assert written
        ReferenceIndex.create_or_update_for_object(page)
        assert rows(page) == written

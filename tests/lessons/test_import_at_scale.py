"""Importing many lessons (lessons/exchange/creating.py): each new lesson written once, whole,
with one revision and its history; statements that grow by a small fixed amount per lesson; a
re-import that changes nothing writes nothing; a progress line with the rate and time left."""

import io
import json

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageLogEntry

from core.progress import Progress
from home import site_tree
from lessons.exchange.exporter import lesson_to_dict
from lessons.models import LessonIndexPage, LessonPage
from tests.builders.accounts import make_user
from tests.builders.lessons import document, lesson

# Statements per new lesson: its lesson row; the rest is per batch of lessons. (Once the import
# commits, following/signals.py enqueues a task per lesson to tell its followers, outside the
# import's transaction.)
STATEMENTS_PER_NEW_LESSON = 1
# Per lesson already imported the same: none (its rows are read per batch).
STATEMENTS_PER_UNCHANGED_LESSON = 0

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def numbered(start, count, **fields):
    return [
        lesson(slug=f"scale-{n}", title=f"Lesson at scale {n}", **fields)
        for n in range(start, start + count)
    ]


def statements(*lessons):
    with CaptureQueriesContext(connection) as captured:
        site_tree.import_lessons(document(*lessons))
    return [query["sql"] for query in captured]


def test_a_new_lesson_has_one_revision_with_its_content_live_and_in_its_history(
    import_lessons,
):
    # "first" links to "second", later in the file: each is still written once.
    import_lessons(
        lesson(slug="first", title="First", related=[{"slug": "second", "relation": "builds_on"}]),
        lesson(slug="second", title="Second"),
    )
    for slug in ("first", "second"):
        page = LessonPage.objects.get(slug=slug)
        revision = page.revisions.get()
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id == page.live_revision_id == revision.pk
        assert page.first_published_at == page.last_published_at is not None
        assert lesson_to_dict(revision.as_object()) == lesson_to_dict(page)
        history = PageLogEntry.objects.filter(page=page).order_by("pk")
        assert [(e.action, e.revision_id) for e in history] == [
            ("wagtail.create", None),
            ("wagtail.publish", revision.pk),
        ]
    first = LessonPage.objects.get(slug="first")
    assert [link.target.slug for link in first.related_links.all()] == ["second"]


def test_a_new_draft_has_its_revision_and_stays_unpublished(import_lessons):
    import_lessons(lesson(status="draft"))
    page = LessonPage.objects.get(slug="discharge-huddles")
    assert not page.live and page.has_unpublished_changes
    assert page.live_revision_id is None and page.first_published_at is None
    assert page.latest_revision_id == page.revisions.get().pk
    assert lesson_to_dict(page.get_latest_revision_as_object()) == lesson_to_dict(page)
    history = PageLogEntry.objects.filter(page=page)
    assert [(e.action, e.revision_id) for e in history] == [("wagtail.create", None)]


def test_the_page_tree_stays_consistent(import_lessons):
    import_lessons(*numbered(0, 3))
    import_lessons(*numbered(3, 4), lesson(slug="scale-0", title="Renamed"))
    assert Page.find_problems() == ([], [], [], [], [])
    index = LessonIndexPage.objects.get()
    assert index.numchild == 7 == index.get_children().count()
    paths = list(index.get_children().values_list("path", flat=True))
    assert len(set(paths)) == 7
    assert LessonPage.objects.get(slug="scale-6").url == "/lessons/scale-6/"


def test_the_history_of_an_imported_lesson_shows_in_the_admin(import_lessons, client):
    import_lessons(lesson())
    page = LessonPage.objects.get(slug="discharge-huddles")
    client.force_login(make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True))
    response = client.get(f"/admin/pages/{page.pk}/history/")
    assert response.status_code == 200
    assert "Published" in response.content.decode()


def test_statements_grow_by_a_small_fixed_amount_per_new_lesson(import_lessons):
    import_lessons(lesson())  # the networks, the tags and the page tree already there
    once = len(statements(*numbered(0, 4)))
    twice = len(statements(*numbered(4, 8)))
    assert twice - once == 4 * STATEMENTS_PER_NEW_LESSON


def test_a_reimport_of_unchanged_lessons_writes_nothing(import_lessons):
    import_lessons(*numbered(0, 8))
    once = statements(*numbered(0, 4))
    twice = statements(*numbered(0, 8))
    assert len(twice) - len(once) == 4 * STATEMENTS_PER_UNCHANGED_LESSON
    assert [sql for sql in twice if sql.lstrip().upper().startswith(WRITES)] == []


def test_progress_shows_the_count_the_rate_and_the_time_left():
    written = []
    clock = iter([10.0, 12.0, 14.0, 14.1, 16.0])
    progress = Progress(written.append, "Importing lessons", "lessons", clock=lambda: next(clock))
    progress(0, 1000)
    progress(200, 1000)
    progress(400, 1000)
    progress(450, 1000)  # too soon after the last: not shown
    progress(1000, 1000)
    progress.end()
    assert [line.strip("\r").removesuffix("\x1b[K") for line in written] == [
        "Importing lessons: 0/1,000 (0%)",
        "Importing lessons: 200/1,000 (20%), 100 lessons/s, 8 s left",
        "Importing lessons: 400/1,000 (40%), 100 lessons/s, 6 s left",
        "Importing lessons: 1,000/1,000 (100%), 167 lessons/s, in 6 s",
        "\n",
    ]


def run(tmp_path, *args):
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps(document(*numbered(0, 3))))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_lessons", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_progress_line_goes_to_standard_error_when_asked_for(site_tree, tmp_path):
    out, err = run(tmp_path, "--progress")
    assert "Importing lessons: 3/3 (100%)" in err and "lessons/s" in err
    assert out.startswith("created 3, updated 0, unchanged 0; networks: created 2,")


def test_no_progress_line_when_not_a_terminal_or_at_verbosity_0(site_tree, tmp_path):
    assert run(tmp_path)[1] == ""
    assert run(tmp_path, "--progress", "--verbosity", "0")[1] == ""

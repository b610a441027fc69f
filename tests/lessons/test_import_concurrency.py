"""Many imports at the same moment, all creating the same new network: one runs at a time, each
succeeds or fails cleanly, and nothing is lost (issue 8, item 13)."""

import io
import json
import threading
import traceback

from django.core.management import call_command
from django.db import connections

import pytest

from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)

IMPORTS = 20
LESSONS_EACH = 5
NETWORK = {
    "slug": "parallel-network",
    "title": "A network every file creates",
    "purpose": "Being created twenty times at once.",
    "visibility": "members",
}


def file_for(tmp_path, n):
    lessons = [
        lesson(
            slug=f"lesson-{n}-{k}",
            title=f"Lesson {k} of file {n}",
            network=NETWORK["slug"],
            visibility="members",
        )
        for k in range(LESSONS_EACH)
    ]
    path = tmp_path / f"lessons-{n}.json"
    path.write_text(json.dumps(document(*lessons, networks=[NETWORK])))
    return path


def import_all_at_once(paths):
    start = threading.Barrier(len(paths))
    outcomes = [None] * len(paths)

    def run(n, path):
        out, err = io.StringIO(), io.StringIO()
        try:
            start.wait()
            call_command("import_lessons", str(path), stdout=out, stderr=err)
            outcomes[n] = ("ok", out.getvalue().strip())
        except Exception:
            outcomes[n] = ("failed", traceback.format_exc())
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(n, p)) for n, p in enumerate(paths)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_parallel_imports_creating_one_network_each_succeed_and_lose_nothing(tmp_path):
    put_back_shipped_data()
    paths = [file_for(tmp_path, n) for n in range(IMPORTS)]

    outcomes = import_all_at_once(paths)

    failures = [detail for status, detail in outcomes if status != "ok"]
    assert failures == []
    summaries = [detail.splitlines()[-1] for _, detail in outcomes]
    assert all(s.startswith(f"created {LESSONS_EACH}, updated 0, unchanged 0") for s in summaries)
    assert NetworkPage.objects.filter(slug=NETWORK["slug"]).count() == 1
    expected = {f"lesson-{n}-{k}" for n in range(IMPORTS) for k in range(LESSONS_EACH)}
    assert set(LessonPage.objects.values_list("slug", flat=True)) == expected
    assert all(page.live for page in LessonPage.objects.all())

"""Many requests of the guided form at the same moment (issue 16): starting lessons with one
title, and saving steps of one draft. Threads released by a barrier, on SQLite (immediate
transactions, busy timeout) and on PostgreSQL; every request succeeds and nothing typed is
lost."""

import threading

from django.db import connections
from django.test import Client

import pytest

from home import site_tree as tree
from lessons.models import LessonPage
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 20


def all_at_once(requests):
    """Run each request (a function of no arguments) in its own thread, released together;
    their results, in order."""
    start = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(n, request):
        try:
            start.wait()
            results[n] = request()
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(n, r)) for n, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def champion():
    put_back_shipped_data()
    tree.import_lessons(document(lesson()))
    return make_member("south-west-km", "champion@example.nhs.uk")


def signed_in(user):
    client = Client(raise_request_exception=False)  # a server error is a 500, as a browser sees
    client.force_login(user)
    return client


def test_twenty_champions_starting_lessons_with_one_title_at_once_all_get_their_own(champion):
    clients = [signed_in(champion) for _ in range(REQUESTS)]

    def starting(n):
        data = {"kind": "lesson", "title": "Ward huddles", "summary": f"What team {n} learned."}
        return lambda: clients[n].post("/lessons/share/", data).status_code

    statuses = all_at_once([starting(n) for n in range(REQUESTS)])

    assert statuses == [302] * REQUESTS
    started = LessonPage.objects.filter(owner=champion)
    assert started.count() == REQUESTS
    assert {page.title for page in started} == {"Ward huddles"}
    assert sorted(page.summary for page in started) == sorted(
        f"What team {n} learned." for n in range(REQUESTS)
    )
    slugs = {page.slug for page in started}
    assert len(slugs) == REQUESTS
    assert "ward-huddles" in slugs
    for page in started:
        revision = page.get_latest_revision_as_object()
        assert (revision.title, revision.slug, revision.summary) == (
            page.title,
            page.slug,
            page.summary,
        )

"""Many requests of the guided form at the same moment (issue 16): starting lessons with one
title, and saving steps of one draft. Threads released by a barrier, on SQLite (immediate
transactions, busy timeout) and on PostgreSQL; every request succeeds and nothing typed is
lost."""

import pytest

from home import site_tree as tree
from lessons.models import LessonPage
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member
from tests.builders.sharing import shared, step
from tests.builders.threads import all_at_once, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 20


@pytest.fixture
def champion():
    put_back_shipped_data()
    tree.import_lessons(document(lesson()))
    return make_member("south-west-km", "champion@example.nhs.uk")


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


# Saving steps of one draft


ROUNDS = 5


def answers_of_round(n):
    """What a champion types on four different steps, in round n."""
    return {
        "about": {"kind": "lesson", "title": f"Huddles, round {n}", "summary": f"Summary {n}."},
        "story": {"intended": f"Intended {n}.", "what_happened": f"Happened {n}."},
        "context": {"organisation_type": "acute_trust", "setting": f"Ward {n}"},
        "network": {"network": "site", "visibility": "public"},
    }


def saved(lesson):
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    return {
        "about": {"kind": draft.kind, "title": draft.title, "summary": draft.summary},
        "story": {"intended": draft.intended, "what_happened": draft.what_happened},
        "context": {"organisation_type": draft.organisation_type, "setting": draft.setting},
        "network": {
            "network": str(draft.network_id) if draft.network_id else "site",
            "visibility": draft.visibility,
        },
    }


def saving(client, url, data):
    return lambda: client.post(url, data).status_code


def test_saves_of_different_steps_of_one_draft_at_once_all_keep_their_answers(champion):
    lesson = shared(champion)
    for n in range(ROUNDS):
        typed = answers_of_round(n)
        shown = LessonPage.objects.get(pk=lesson.pk).latest_revision_id
        statuses = all_at_once(
            [
                saving(signed_in(champion), step(lesson, slug), {**answers, "revision": shown})
                for slug, answers in typed.items()
            ]
        )

        assert statuses == [302] * len(typed), n
        assert saved(lesson) == typed, n


def test_two_saves_of_one_step_at_once_keep_the_first_and_tell_the_others_what_it_holds(
    champion,
):
    lesson = shared(champion)
    shown = LessonPage.objects.get(pk=lesson.pk).latest_revision_id
    revisions = lesson.revisions.count()
    clients = [signed_in(champion) for _ in range(REQUESTS)]

    def saving(n):
        data = {"intended": f"What team {n} meant to do.", "revision": shown}
        return lambda: clients[n].post(step(lesson, "story"), data)

    responses = all_at_once([saving(n) for n in range(REQUESTS)])

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302] + [409] * (REQUESTS - 1)
    winner = next(n for n, response in enumerate(responses) if response.status_code == 302)
    kept = f"What team {winner} meant to do."
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    assert draft.intended == kept
    assert lesson.revisions.count() == revisions + 1
    for response in responses:
        if response.status_code == 409:
            html = response.content.decode()
            assert "saved from another window or tab after you opened it" in html
            assert "has not been saved" in html
            assert kept in html  # what the step holds now


def test_a_step_carries_the_revision_it_was_shown_from(champion):
    lesson = shared(champion)
    revision = LessonPage.objects.get(pk=lesson.pk).latest_revision_id
    html = signed_in(champion).get(step(lesson, "story")).content.decode()
    assert f'<input type="hidden" name="revision" value="{revision}">' in html

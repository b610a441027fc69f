"""Corrections: a network's facilitators correct a published lesson of their network on the
site. The rule (correctable_by / is_correctable_by) is one, tested equal; someone else's lesson
is published at once as a revision in its history and its author is told what changed in words;
the facilitator's own lesson goes to review; nothing unchanged is saved."""

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from lessons.sharing import rules as sharing
from tests.builders.lessons import lesson
from tests.builders.module_data import afresh
from tests.builders.pages import errors_in, text_of
from tests.builders.sharing import approve, in_review, people, shared

KINDS = ("facilitator", "other_facilitator", "editor", "champion", "member", "non_member", "anon")
MAY_CORRECT = {
    "published": {"facilitator", "editor"},
    "written_by_facilitator": {"facilitator", "editor"},
    "draft": set(),
    "in_review": set(),
    "published_with_a_draft": set(),
}


@pytest.fixture(scope="module")
def built(module_lessons):
    """Built once for the module: what a test writes is undone after it (module_db)."""
    module_lessons(lesson())
    everyone = people()
    everyone["anon"] = AnonymousUser()
    champion, facilitator = everyone["champion"], everyone["facilitator"]
    capture = TestCase.captureOnCommitCallbacks  # as django_capture_on_commit_callbacks

    def published(author, title):
        return approve(in_review(author, capture, title=title), everyone["editor"])

    with_draft = published(champion, "Huddles with a draft")
    draft = sharing.current_version(with_draft)
    draft.summary = "Not yet sent for review."
    sharing.save_draft(with_draft, draft, champion)
    lessons = {
        "published": published(champion, "Huddles on the wards"),
        "written_by_facilitator": published(facilitator, "Huddles the lead wrote"),
        "draft": shared(champion, title="Huddles not yet sent"),
        "in_review": in_review(champion, capture, title="Huddles in review"),
        "published_with_a_draft": LessonPage.objects.get(pk=with_draft.pk),
    }
    mail.outbox.clear()
    return {"people": everyone, "lessons": lessons}


@pytest.fixture
def world(built):
    """The people and lessons read afresh for each test, so nothing one test's checks kept on
    them (a permission cache) reaches the next."""
    return {"people": afresh(built["people"]), "lessons": afresh(built["lessons"])}


def correct_url(page):
    return reverse("lessons:correct", args=[page.pk])


@pytest.mark.parametrize("kind", KINDS)
def test_who_may_correct_is_one_rule_for_a_queryset_and_one_lesson(world, kind):
    person = world["people"][kind]
    correctable = set(LessonPage.objects.correctable_by(person).values_list("pk", flat=True))
    for name, page in world["lessons"].items():
        expected = kind in MAY_CORRECT[name]
        assert (page.pk in correctable) is expected, name
        assert page.is_correctable_by(person) is expected, name


@pytest.mark.parametrize("kind", ["other_facilitator", "champion", "member", "non_member"])
def test_the_correction_page_is_not_found_for_everyone_the_rule_refuses(client, world, kind):
    client.force_login(world["people"][kind])
    page = world["lessons"]["published"]
    assert client.get(correct_url(page)).status_code == 404
    assert client.post(correct_url(page), {"title": "Changed"}).status_code == 404
    assert LessonPage.objects.get(pk=page.pk).title == "Huddles on the wards"
    assert "Correct this lesson" not in text_of(client.get(page.url))


def test_a_facilitator_corrects_a_typo_and_it_is_published_at_once_with_the_author_told(
    client, world, django_capture_on_commit_callbacks
):
    facilitator = world["people"]["facilitator"]
    page = world["lessons"]["published"]
    client.force_login(facilitator)
    assert "Correct this lesson" in text_of(client.get(page.url))
    form = client.get(correct_url(page)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["summary"] = "Fifteen protected minutes made the huddle a habit on every ward."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(correct_url(page), data)
    assert response.status_code == 302
    live = LessonPage.objects.get(pk=page.pk)
    assert live.summary == data["summary"]
    assert not live.has_unpublished_changes
    assert live.live_revision.user == facilitator
    assert PageLogEntry.objects.filter(
        page=live, action="wagtail.publish", user=facilitator
    ).exists()
    [email] = mail.outbox
    assert email.to == ["champion@example.nhs.uk"]
    assert "Summary changed: was “Fifteen protected minutes made the huddle a habit.”" in (
        email.body
    )
    assert "now “Fifteen protected minutes made the huddle a habit on every ward.”" in email.body


def test_a_correction_that_changes_nothing_is_refused_in_words(client, world):
    client.force_login(world["people"]["facilitator"])
    page = world["lessons"]["published"]
    form = client.get(correct_url(page)).context["form"]
    response = client.post(correct_url(page), {name: form[name].value() for name in form.fields})
    assert response.status_code == 400
    assert "Nothing was changed" in " ".join(errors_in(response))
    assert LessonPage.objects.get(pk=page.pk).live_revision_id == page.live_revision_id
    assert mail.outbox == []


def test_an_empty_title_is_refused_naming_the_field(client, world):
    client.force_login(world["people"]["facilitator"])
    page = world["lessons"]["published"]
    response = client.post(correct_url(page), {"title": "", "summary": page.summary})
    assert response.status_code == 400
    assert "Enter the title of the lesson" in " ".join(errors_in(response))


def test_a_facilitators_correction_of_their_own_lesson_goes_to_review(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["people"]["facilitator"])
    page = world["lessons"]["written_by_facilitator"]
    form = client.get(correct_url(page)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["title"] = "Huddles the lead wrote, corrected"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(correct_url(page), data).status_code == 302
    page = LessonPage.objects.get(pk=page.pk)
    assert page.title == "Huddles the lead wrote"
    assert status_of(page)[0] == Status.IN_REVIEW
    assert page.get_latest_revision_as_object().title == data["title"]

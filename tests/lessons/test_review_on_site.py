"""Reviewing on the site: /members/me/reviews/ and a lesson's review page ask the review rule,
refuse everyone it refuses, show what a resubmission changed in words, and take the decision on
the same Wagtail workflow task as the admin (so its history shows it)."""

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of, submit_for_review
from tests.builders.accounts import make_site_editor
from tests.builders.lessons import lesson
from tests.builders.pages import text_of
from tests.builders.sharing import (
    people,
    resubmitted_with_three_changes,
    shared,
    with_two_of_each,
)


@pytest.fixture
def everyone(import_lessons):
    import_lessons(lesson())
    found = people()
    found["site_editor"] = make_site_editor("site-editor@example.nhs.uk")
    return found


def _sent(champion, capture, **fields):
    page = shared(champion, **fields)
    with capture(execute=True):
        submit_for_review(page, champion)
    return LessonPage.objects.get(pk=page.pk)


@pytest.fixture
def in_review(everyone, django_capture_on_commit_callbacks):
    return _sent(everyone["champion"], django_capture_on_commit_callbacks, **with_two_of_each())


def review(page, action=""):
    name = {"": "review", "approve": "review_approve", "ask": "review_ask_for_changes"}[action]
    return reverse(f"lessons:{name}", args=[page.pk])


@pytest.mark.parametrize("person", ["other_facilitator", "champion", "member", "non_member"])
def test_the_review_page_and_its_actions_refuse_everyone_the_rule_refuses(
    client, everyone, in_review, person
):
    client.force_login(everyone[person])
    assert client.get(review(in_review)).status_code == 404
    assert client.post(review(in_review, "approve")).status_code == 404
    assert client.post(review(in_review, "ask"), {"comment": "No"}).status_code == 404
    assert in_review.title not in text_of(client.get(reverse("lessons:reviews")))
    assert status_of(LessonPage.objects.get(pk=in_review.pk))[0] == Status.IN_REVIEW


def test_anonymous_people_are_sent_to_sign_in_and_nothing_changes(client, in_review):
    for response in (
        client.get(review(in_review)),
        client.post(review(in_review, "approve")),
        client.post(review(in_review, "ask"), {"comment": "No"}),
        client.get(reverse("lessons:reviews")),
    ):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert status_of(LessonPage.objects.get(pk=in_review.pk))[0] == Status.IN_REVIEW


def test_a_lesson_not_in_review_has_no_review_page(client, everyone):
    draft = shared(everyone["champion"])
    client.force_login(everyone["facilitator"])
    assert client.get(review(draft)).status_code == 404
    assert client.post(review(draft, "approve")).status_code == 404


def test_a_facilitator_approves_on_the_site_and_the_admin_history_shows_it(
    client, everyone, in_review, django_capture_on_commit_callbacks
):
    client.force_login(everyone["facilitator"])
    page = text_of(client.get(review(in_review)))
    assert "You are reviewing this lesson" in page and in_review.title in page
    assert "first time it was sent" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review(in_review, "approve"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("lessons:reviews")
    assert f"“{in_review.title}” is published" in text_of(response)
    published = LessonPage.objects.get(pk=in_review.pk)
    assert published.live and status_of(published)[0] == Status.PUBLISHED
    entry = PageLogEntry.objects.get(page=published, action="wagtail.workflow.approve")
    assert entry.user == everyone["facilitator"]
    # The admin's workflow history, as a site editor reads it there.
    client.force_login(everyone["site_editor"])
    state = published.workflow_states.get()
    history = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[published.pk, state.pk])
    )
    assert history.status_code == 200
    assert "Approved" in text_of(history)
    assert str(everyone["facilitator"]) in text_of(history)


def test_asking_for_changes_needs_a_comment_and_sends_it_to_the_champion(
    client, everyone, in_review, django_capture_on_commit_callbacks
):
    client.force_login(everyone["facilitator"])
    response = client.post(review(in_review, "ask"), {"comment": "  "})
    assert response.status_code == 400
    assert "Enter what needs to change" in text_of(response)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review(in_review, "ask"), {"comment": "Say who the pharmacist was."})
    page = LessonPage.objects.get(pk=in_review.pk)
    assert status_of(page) == (Status.CHANGES_REQUESTED, "Say who the pharmacist was.")
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").exists()
    assert [m.to for m in mail.outbox] == [["champion@example.nhs.uk"]]


def test_a_resubmission_shows_exactly_what_changed_in_words_and_its_email_says_so(
    client, everyone, in_review, django_capture_on_commit_callbacks
):
    client.force_login(everyone["facilitator"])
    client.post(review(in_review, "ask"), {"comment": "Add the newer survey results."})
    with django_capture_on_commit_callbacks(execute=True):
        page = resubmitted_with_three_changes(everyone["champion"], in_review)
    text = text_of(client.get(review(page)))
    assert "3 changes since it was last sent for review" in text
    assert (
        "Success factor “Protected time”, why 2 changed: was “The matron asked for it”, now "
        "“The matron asked for it at the safety huddle”" in text
    )
    assert "Team member 2 (Pharmacist): years of experience changed: was “4”, now “9”" in text
    assert (
        "Evidence changed: was “Survey (https://example.org/survey)”, now "
        "“Survey (https://example.org/survey-2025)”" in text
    )
    assert "Add the newer survey results." in text  # the comments so far
    (message,) = [m for m in mail.outbox if m.to == ["facilitator@example.nhs.uk"]]
    assert message.subject.startswith(f"Please review “{page.title}” again")
    assert f"/members/me/reviews/{page.pk}/#changes" in message.body
    assert "why 2 changed" in message.body


def test_the_queue_lists_what_each_person_is_asked_to_review(
    client, everyone, in_review, django_capture_on_commit_callbacks
):
    whole_site = _sent(
        everyone["champion"],
        django_capture_on_commit_callbacks,
        title="Huddles for everyone",
        network=None,
    )
    client.force_login(everyone["facilitator"])
    text = text_of(client.get(reverse("lessons:reviews")))
    assert in_review.title in text and whole_site.title not in text
    assert "Show every lesson you may review" not in text
    client.force_login(everyone["site_editor"])
    text = text_of(client.get(reverse("lessons:reviews")))
    assert whole_site.title in text and in_review.title not in text
    everything = text_of(client.get(reverse("lessons:reviews") + "?show=all"))
    assert whole_site.title in everything and in_review.title in everything


def test_a_decision_taken_in_the_admin_shows_on_the_site(
    client, everyone, in_review, django_capture_on_commit_callbacks
):
    client.force_login(everyone["facilitator"])
    task_state = in_review.current_workflow_state.current_task_state
    admin_action = reverse(
        "wagtailadmin_pages:workflow_action", args=[in_review.pk, "reject", task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_action, {"comment": "Name the survey in the admin."})
    assert client.get(review(in_review)).status_code == 404  # no longer in review
    assert in_review.title not in text_of(client.get(reverse("lessons:reviews")))
    with django_capture_on_commit_callbacks(execute=True):
        page = resubmitted_with_three_changes(everyone["champion"], in_review)
    text = text_of(client.get(review(page)))
    assert "Name the survey in the admin." in text and "asked for changes" in text

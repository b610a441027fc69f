"""The short path, the check page that says what is still missing, sending a lesson for
review, withdrawing it, changes requested, the preview and my lessons."""

from django.core import mail
from django.urls import reverse

from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from network.models import NetworkPage
from tests.builders.sharing import FACTOR, approve, in_review, shared, step, url


def test_the_short_path_is_enough_to_send_a_lesson_for_review(
    champion, world, client, django_capture_on_commit_callbacks
):
    client.post("/lessons/share/", {"kind": "lesson", "title": "Quick win", "summary": "Short."})
    lesson = LessonPage.objects.get(title="Quick win")

    # Without a factor it cannot be sent yet, and the check page says why.
    html = client.get(url("share_check", lesson)).content.decode()
    assert "Before you can send it for review" in html
    assert "Add at least one success factor or barrier, and why" in html
    response = client.post(url("share_submit", lesson))
    assert response["Location"] == url("share_check", lesson)
    assert status_of(LessonPage.objects.get(pk=lesson.pk))[0] == Status.DRAFT

    network = NetworkPage.objects.get(slug="south-west-km")
    client.post(step(lesson, "network"), {"network": network.pk, "visibility": "public"})
    client.post(
        url("share_factor", lesson, "new"),
        {"type": "success_factor", "statement": "Time", "why-count": "1", "why-1-text": "It was"},
    )
    html = client.get(url("share_check", lesson)).content.decode()
    assert "Before you can send it for review" not in html
    assert "To make your lesson complete" in html
    for missing in (
        "Answer “What we set out to do”",
        "Say the type of organisation, the setting, the region, the scale and when it happened",
        "Add the team: each member&#x27;s role and years of experience",
        "Add the root cause of “Time”",
        "Link the lesson to a maturity outcome and level",
        "Add at least one theme",
        "Add a link to the evidence",
    ):
        assert missing in html, missing
    assert "the facilitators of South West KM Network review it" in html

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("share_submit", lesson))
    assert response["Location"] == url("share_sent", lesson)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert status_of(lesson)[0] == Status.IN_REVIEW
    assert [message.to for message in mail.outbox] == [["facilitator@example.nhs.uk"]]
    html = client.get(url("share_sent", lesson)).content.decode()
    assert "Your lesson has been sent for review" in html
    assert "usually within 5 working days" in html


def test_a_lesson_in_review_is_locked_until_withdrawn(
    champion, client, django_capture_on_commit_callbacks
):
    lesson = in_review(champion, django_capture_on_commit_callbacks)
    revision = lesson.latest_revision_id
    response = client.get(step(lesson, "story"))
    assert response["Location"] == url("share_check", lesson)
    client.post(step(lesson, "story"), {"intended": "Sneaked in"})
    assert LessonPage.objects.get(pk=lesson.pk).latest_revision_id == revision
    html = client.get(url("share_check", lesson)).content.decode()
    assert "Your lesson is in review" in html
    assert "Withdraw from review" in html
    assert "Change<span" not in html
    assert "Withdraw from review" in client.get("/members/me/lessons/").content.decode()

    client.post(url("share_withdraw", lesson))
    assert status_of(LessonPage.objects.get(pk=lesson.pk))[0] == Status.DRAFT
    assert client.get(step(lesson, "story")).status_code == 200


def test_changes_requested_shows_the_comment_and_resubmits(
    champion, world, client, django_capture_on_commit_callbacks
):
    lesson = in_review(champion, django_capture_on_commit_callbacks)
    state = lesson.current_workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        state.task.specific.on_action(
            state, world["facilitator"], "reject", comment="Say how you measured it."
        )
    html = client.get(url("share_check", lesson)).content.decode()
    assert "Your reviewer asked for changes" in html
    assert "Say how you measured it." in html
    assert "Send it back for review" in html
    assert "Make changes" in client.get("/members/me/lessons/").content.decode()

    client.post(step(lesson, "story"), {"outcome": "From the bed-state report."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("share_submit", lesson))
    lesson = approve(LessonPage.objects.get(pk=lesson.pk), world["facilitator"])
    assert lesson.live and lesson.outcome == "From the bed-state report."


def test_editing_a_published_lesson_is_reviewed_while_the_published_version_stays_up(
    champion, world, client, django_capture_on_commit_callbacks
):
    lesson = approve(in_review(champion, django_capture_on_commit_callbacks), world["facilitator"])
    assert "Edit" in client.get("/members/me/lessons/").content.decode()
    client.post(
        step(lesson, "about"),
        {"kind": "lesson", "title": "A year on", "summary": "Still working."},
    )
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and lesson.title == "Protected time for evidence huddles"
    assert lesson.slug == "protected-time-for-evidence-huddles"  # a published address stays
    assert "A year on" not in client.get(lesson.url).content.decode()
    html = client.get(url("share_check", lesson)).content.decode()
    assert "This lesson is published" in html and "Send your changes for review" in html
    assert "A year on" in client.get(url("share_preview", lesson)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("share_submit", lesson))
    lesson = approve(LessonPage.objects.get(pk=lesson.pk), world["facilitator"])
    assert lesson.title == "A year on"
    assert "A year on" in client.get(lesson.url).content.decode()


def test_preview_renders_the_lesson_page_with_the_draft(champion, client):
    lesson = shared(champion, intended="Discharge before noon.", setting="Inpatient wards")
    html = client.get(url("share_preview", lesson)).content.decode()
    assert "Preview." in html
    assert "Protected time for evidence huddles" in html
    assert "Discharge before noon." in html and "Inpatient wards" in html
    assert FACTOR["whys"][0] in html
    assert 'class="app-whys"' in html  # the lesson page's own whys ladder


def test_my_lessons_offers_to_continue_a_draft(champion, client):
    lesson = shared(champion)
    html = client.get(reverse("lessons:my_lessons")).content.decode()
    assert "Continue" in html and url("share_check", lesson) in html
    assert reverse("lessons:share") in html

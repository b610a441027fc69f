"""Shared lessons are reviewed before they are published: by a facilitator of the lesson's
network, or by a site editor for lessons without one; never by their author."""

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState, WorkflowState

import pytest

from lessons.models import LessonIndexPage, LessonPage, ReviewByNetworkTask, may_review
from lessons.moderation.workflow import (
    Status,
    status_of,
    submit_for_review,
    withdraw_from_review,
)
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.module_data import afresh
from tests.builders.network import make_member


@pytest.fixture(scope="module")
def built(module_lessons):
    """Built once for the module: what a test writes is undone after it (module_db)."""
    module_lessons(lesson())
    return {
        "champion": make_member("south-west-km", email="champion@example.nhs.uk"),
        "facilitator": make_member(
            "south-west-km", email="facilitator@example.nhs.uk", role="facilitator"
        ),
        "member": make_member("south-west-km", email="member@example.nhs.uk"),
        "other_facilitator": make_member(
            "board-leads", email="other-lead@example.nhs.uk", role="facilitator"
        ),
        "non_member": make_user("outsider@example.nhs.uk"),
        "editor": make_user("editor@example.nhs.uk", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def people(built):
    """Everyone read afresh for each test, so nothing one test's checks kept on them (a
    permission cache) reaches the next."""
    return afresh(built)


def draft(champion, title="Protected time for evidence huddles", network="south-west-km"):
    """A lesson a champion has started: an unpublished page with a revision, as the sharing
    form leaves it."""
    index = LessonIndexPage.objects.get()
    page = LessonPage(
        title=title,
        summary="Fifteen protected minutes made the evidence huddle a habit.",
        network=NetworkPage.objects.get(slug=network) if network else None,
        owner=champion,
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision(user=champion)
    return page


def submitted(champion, capture, **kwargs):
    page = draft(champion, **kwargs)
    with capture(execute=True):
        submit_for_review(page, champion)
    return LessonPage.objects.get(pk=page.pk)


def current_task_state(page):
    return page.current_workflow_state.current_task_state


def workflow_action_url(page, action):
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, current_task_state(page).pk],
    )


def test_every_lesson_under_the_index_has_the_review_workflow(people):
    index = LessonIndexPage.objects.get()
    workflow = index.get_workflow()
    assert workflow.name == "Network review"
    assert [type(task.specific) for task in workflow.tasks] == [ReviewByNetworkTask]


def test_submission_emails_the_networks_facilitators_only(
    people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    page = submitted(people["champion"], django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["facilitator@example.nhs.uk"]]
    body = mail.outbox[0].body
    assert "Protected time for evidence huddles" in body
    assert f"/admin/pages/{page.pk}/edit/" in body
    assert status_of(page) == (Status.IN_REVIEW, "")


def test_nothing_is_sent_if_the_submission_is_rolled_back(
    people, django_capture_on_commit_callbacks
):
    page = draft(people["champion"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_for_review(page, people["champion"])
    # The emails wait for the commit: nothing went out inside the transaction.
    assert mail.outbox == [] and len(callbacks) == 1


@pytest.mark.parametrize(
    "person, may",
    [
        ("facilitator", True),
        ("editor", True),
        ("champion", False),
        ("member", False),
        ("other_facilitator", False),
        ("non_member", False),
    ],
)
def test_who_may_review_a_network_lesson(people, person, may, django_capture_on_commit_callbacks):
    page = submitted(people["champion"], django_capture_on_commit_callbacks)
    user = people[person]
    assert may_review(page, user) is may
    task = current_task_state(page).task.specific
    in_queue = task.get_task_states_user_can_moderate(user).filter(pk=current_task_state(page).pk)
    assert in_queue.exists() is may
    assert bool(task.get_actions(page, user)) is may


def test_a_facilitators_own_lesson_goes_to_site_editors(people, django_capture_on_commit_callbacks):
    moderators = Group.objects.get(name="Moderators")
    moderator = make_user("moderator@example.nhs.uk")
    moderator.groups.add(moderators)
    mail.outbox.clear()
    page = submitted(people["facilitator"], django_capture_on_commit_callbacks)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["editor@example.nhs.uk", "moderator@example.nhs.uk"]
    assert not may_review(page, people["facilitator"])
    assert may_review(page, moderator)


def test_a_lesson_without_a_network_goes_to_site_editors(
    people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    page = submitted(people["champion"], django_capture_on_commit_callbacks, network=None)
    assert [message.to for message in mail.outbox] == [["editor@example.nhs.uk"]]
    assert not may_review(page, people["facilitator"])


def test_the_review_queue_in_the_admin_shows_only_ones_own_networks_submissions(
    people, client, django_capture_on_commit_callbacks
):
    submitted(people["champion"], django_capture_on_commit_callbacks)
    client.force_login(people["facilitator"])
    assert "Protected time for evidence huddles" in client.get("/admin/").content.decode()
    client.force_login(people["other_facilitator"])
    assert "Protected time for evidence huddles" not in client.get("/admin/").content.decode()


def test_request_changes_then_resubmit_then_approve(
    people, client, django_capture_on_commit_callbacks
):
    champion, facilitator = people["champion"], people["facilitator"]
    page = submitted(champion, django_capture_on_commit_callbacks)

    # Another network's facilitator cannot act on it.
    client.force_login(people["other_facilitator"])
    response = client.post(workflow_action_url(page, "reject"), {"comment": "Not mine to judge"})
    assert response.status_code in (302, 403, 404)
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    # Its own facilitator asks for changes, with a comment the champion is sent and shown.
    mail.outbox.clear()
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            workflow_action_url(page, "reject"),
            {"comment": "Please say how you measured the change."},
        )
    page = LessonPage.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert status_of(page) == (
        Status.CHANGES_REQUESTED,
        "Please say how you measured the change.",
    )
    assert [message.to for message in mail.outbox] == [["champion@example.nhs.uk"]]
    assert "Please say how you measured the change." in mail.outbox[0].body
    assert "/members/me/lessons/" in mail.outbox[0].body
    client.force_login(champion)
    my_lessons = client.get(reverse("lessons:my_lessons")).content.decode()
    assert "Changes requested" in my_lessons
    assert "Please say how you measured the change." in my_lessons

    # The champion edits and resubmits; the facilitators are asked again.
    page.outcome = "Huddles attended went from 2 to 5 a week, from the sign-in sheet."
    page.save_revision(user=champion)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, champion)
    assert [message.to for message in mail.outbox] == [["facilitator@example.nhs.uk"]]

    # Approval publishes the revision the champion submitted, and tells them.
    page = LessonPage.objects.get(pk=page.pk)
    mail.outbox.clear()
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow_action_url(page, "approve"), {})
    page = LessonPage.objects.get(pk=page.pk)
    assert page.live
    assert page.outcome.startswith("Huddles attended went from 2 to 5")
    assert status_of(page) == (Status.PUBLISHED, "")
    assert [message.to for message in mail.outbox] == [["champion@example.nhs.uk"]]
    assert page.get_full_url() in mail.outbox[0].body
    # Wagtail's history says who submitted and who approved.
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", "user_id"))
    assert ("wagtail.workflow.start", champion.pk) in actions
    assert ("wagtail.workflow.approve", facilitator.pk) in actions


def test_an_edit_to_a_published_lesson_is_reviewed_while_the_published_version_stays_up(
    people, client, django_capture_on_commit_callbacks
):
    champion = people["champion"]
    page = submitted(champion, django_capture_on_commit_callbacks)
    current_task_state(page).task.specific.on_action(
        current_task_state(page), people["facilitator"], "approve"
    )
    page = LessonPage.objects.get(pk=page.pk)
    assert page.live

    page.title = "Protected time for evidence huddles, a year on"
    page.save_revision(user=champion)
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, champion)
    page = LessonPage.objects.get(pk=page.pk)
    assert status_of(page)[0] == Status.IN_REVIEW
    html = client.get(page.url).content.decode()
    assert "Protected time for evidence huddles" in html
    assert "a year on" not in html


def test_only_the_champion_may_submit_or_withdraw(people, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    page = draft(people["champion"])
    with pytest.raises(PermissionDenied):
        submit_for_review(page, people["member"])
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, people["champion"])
    with pytest.raises(PermissionDenied):
        withdraw_from_review(page, people["member"])
    withdraw_from_review(page, people["champion"])
    assert status_of(LessonPage.objects.get(pk=page.pk))[0] == Status.DRAFT


@pytest.mark.parametrize(
    "person", ["anonymous", "non_member", "member", "other_facilitator", "facilitator", "editor"]
)
def test_a_lesson_in_review_is_seen_by_nobody_on_the_site(
    people, client, person, django_capture_on_commit_callbacks
):
    page = submitted(people["champion"], django_capture_on_commit_callbacks)
    if person != "anonymous":
        client.force_login(people[person])
    assert client.get(page.url).status_code in (404, 200)
    if client.get(page.url).status_code == 200:
        # Only those who may edit it in the admin see it, as a preview of their review.
        assert person in ("facilitator", "editor")
    title = "Protected time for evidence huddles"
    for url in (
        "/lessons/",
        "/search/?q=protected+huddles",
        "/api/lessons/search/?q=protected",
        "/api/lessons/similar/?q=protected",
        "/sitemap.xml",
        "/networks/south-west-km/",
    ):
        html = client.get(url).content.decode()
        if url.startswith("/networks/") and person in ("facilitator", "editor"):
            # Its reviewers find it on the facilitators' card, as a link to review it.
            assert f'href="/members/me/reviews/{page.pk}/"' in html
            html = html.split("Waiting for review")[0] + html.split("What members search for")[1]
        assert title not in html, url


def test_my_lessons_needs_signing_in_and_shows_only_ones_own(
    people, client, django_capture_on_commit_callbacks
):
    assert client.get(reverse("lessons:my_lessons")).status_code == 302
    draft(people["champion"])
    client.force_login(people["member"])
    html = client.get(reverse("lessons:my_lessons")).content.decode()
    assert "Protected time for evidence huddles" not in html
    assert "You have not shared a lesson yet." in html
    client.force_login(people["champion"])
    html = client.get(reverse("lessons:my_lessons")).content.decode()
    assert "Protected time for evidence huddles" in html and "Drafts" in html

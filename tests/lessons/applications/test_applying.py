"""'We applied this': a member applies a lesson they may read, and the author and facilitators
are told."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from lessons.models import Application, LessonPage
from tests.builders.accounts import make_user
from tests.builders.applications import (
    APPLY,
    LAST_MONTH,
    PAGE,
    SECRET_APPLY,
    apply,
    form_data,
    response_html,
)
from tests.builders.lessons import lesson
from tests.builders.network import make_profile
from tests.builders.pages import text_of

# Applying


def test_the_form_starts_from_the_members_profile(lessons, applier, client):
    client.force_login(applier)
    html = client.get(APPLY).content.decode()
    assert "Tell us your team applied this lesson" in html
    assert '<option value="community_trust" selected>' in html
    assert '<option value="north_west" selected>' in html
    assert 'name="team_years" value="12"' in html


def test_a_member_applies_a_lesson_and_it_shows_on_the_page(
    lessons, applier, client, django_capture_on_commit_callbacks
):
    client.force_login(applier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, form_data())
    assert response.status_code == 302 and response.url == PAGE + "#applications"
    application = Application.objects.get()
    assert application.applier == applier and application.lesson.slug == "discharge-huddles"
    assert (application.organisation_type, application.scale, application.team_years) == (
        "community_trust",
        "team",
        40,
    )
    assert application.applied_on == LAST_MONTH and application.result == ""

    text = text_of(client.get(PAGE))
    assert "Thank you: your team&#x27;s application is recorded" in text
    assert "Applied in 1 place" in text
    assert "Community trust, North West" in text
    assert "district nursing · A team · 40 years of experience in the team" in text
    assert "Ran the huddle at 8.30 with the district nurses, by phone." in text
    assert "Result: not recorded yet" in text
    assert "Record the result" in text
    assert ">Learned</strong>" not in response_html(client)


def test_form_errors_name_each_field_and_keep_what_was_typed(lessons, applier, client):
    client.force_login(applier)
    response = client.post(
        APPLY,
        form_data(organisation_type="", region="", scale="", applied_on="", team_years="lots"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-module="nhsuk-error-summary"' in html
    assert "<title>Error: " in html
    for message in [
        "Select the type of organisation",
        "Select region",
        "Select the scale of the work",
        "Enter the date you started",
        "Years of experience in the team must be a whole number from 0 to 600",
    ]:
        assert message in html, message
    assert "Ran the huddle at 8.30 with the district nurses, by phone." in html
    assert 'value="district nursing"' in html
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("applied_on", "message"),
    [
        ("31/2/2026", "The date you started must be a real date, for example 15 3 2025"),
        (
            (timezone.localdate() + datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
            "The date you started must be today or in the past.",
        ),
    ],
)
def test_the_start_date_must_be_a_real_past_date(lessons, applier, client, applied_on, message):
    client.force_login(applier)
    response = client.post(APPLY, form_data(applied_on=applied_on))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_and_back(lessons, client):
    response = client.get(APPLY)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/lessons/discharge-huddles/apply/")
    assert client.post(APPLY, form_data()).status_code == 302
    page = client.get(PAGE).content.decode()
    assert "to tell us your team applied this lesson" in page
    assert 'href="/accounts/login/?next=/lessons/discharge-huddles/apply/"' in page
    assert not Application.objects.exists()


def test_who_may_not_read_a_lesson_may_not_apply_it(lessons, client, member_of):
    outsider = make_user("out@example.nhs.uk")
    client.force_login(outsider)
    assert client.get(SECRET_APPLY).status_code == 404
    assert client.post(SECRET_APPLY, form_data()).status_code == 404
    secret = LessonPage.objects.get(slug="board-secret")
    with pytest.raises(PermissionDenied):
        apply(secret, outsider)
    with pytest.raises(PermissionDenied):
        apply(secret, AnonymousUser())

    client.force_login(member_of("board-leads", email="board@example.nhs.uk"))
    assert client.get(SECRET_APPLY).status_code == 200
    assert client.post(SECRET_APPLY, form_data()).status_code == 302
    assert Application.objects.filter(lesson=secret).count() == 1


def test_a_draft_lesson_cannot_be_applied(import_lessons, client):
    import_lessons(lesson(status="draft"))
    client.force_login(make_user("reader@example.nhs.uk"))
    assert client.get(APPLY).status_code == 404


def test_applying_needs_a_verified_email_address(lessons, applier, client):
    EmailAddress.objects.filter(user=applier).update(verified=False)
    client.force_login(applier)
    assert client.post(APPLY, form_data()).status_code == 403
    assert not Application.objects.exists()


# Who is told


def test_the_author_and_facilitators_are_emailed_after_commit(
    lessons, applier, django_capture_on_commit_callbacks
):
    the_lesson, author, facilitator = lessons
    with django_capture_on_commit_callbacks() as callbacks:
        apply(the_lesson, applier)
        assert mail.outbox == []  # nothing before the application is saved
    assert len(callbacks) == 1
    callbacks[0]()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {author.email, facilitator.email}
    to_author = by_recipient[author.email]
    assert to_author.subject == "Your lesson “Daily discharge huddles” has been applied"
    assert "Cal Applier has recorded that their team applied your lesson" in to_author.body
    assert "Community trust; district nursing; North West; a team" in to_author.body
    assert f"{settings.SITE_URL}/lessons/discharge-huddles/#applications" in to_author.body
    to_facilitator = by_recipient[facilitator.email]
    assert to_facilitator.subject == "“Daily discharge huddles” has been applied"
    assert "from South West KM Network" in to_facilitator.body
    assert applier.email not in to_author.body + to_facilitator.body


def test_nothing_is_sent_when_the_application_is_not_saved(
    lessons, applier, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        apply(lessons[0], applier, what_we_did="")
    assert callbacks == [] and mail.outbox == []


def test_emails_name_the_applier_only_to_those_who_may_see_their_profile(
    lessons, django_capture_on_commit_callbacks
):
    hidden = make_user("hidden@example.nhs.uk")
    make_profile(hidden, display_name="Hidden Person", visibility="private")
    with django_capture_on_commit_callbacks(execute=True):
        apply(lessons[0], hidden)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "Hidden Person" not in message.body and hidden.email not in message.body
        assert message.body.startswith("A member has recorded")


def test_no_one_is_told_about_a_lesson_they_may_not_read(
    lessons, member_of, django_capture_on_commit_callbacks
):
    """The author of a members-only lesson who has left its network is not told; its own
    facilitator is, and a facilitator of another network never is."""
    secret = LessonPage.objects.get(slug="board-secret")
    former = make_user("former@example.nhs.uk")
    LessonPage.objects.filter(pk=secret.pk).update(owner=former)
    secret.refresh_from_db()
    board_lead = member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
    member = member_of("board-leads", email="board@example.nhs.uk")
    with django_capture_on_commit_callbacks(execute=True):
        apply(secret, member)
    assert [message.to for message in mail.outbox] == [[board_lead.email]]


def test_the_applier_is_not_told_about_their_own_application(
    lessons, django_capture_on_commit_callbacks
):
    the_lesson, author, facilitator = lessons
    with django_capture_on_commit_callbacks(execute=True):
        apply(the_lesson, author)
    assert [message.to for message in mail.outbox] == [[facilitator.email]]

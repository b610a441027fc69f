"""'We applied this': applying a lesson, recording the result, the learned mark, who is told,
who sees the applier's name, the reminder, and 'this was useful'."""

import datetime
import io

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from lessons.models import Application, LessonPage, UsefulMark
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile
from tests.builders.pages import text_of

APPLY = "/lessons/discharge-huddles/apply/"
PAGE = "/lessons/discharge-huddles/"
SECRET_APPLY = "/lessons/board-secret/apply/"
LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)


def response_html(client, url=PAGE):
    return client.get(url).content.decode()


def form_data(**changes):
    data = {
        "organisation_type": "community_trust",
        "setting": "district nursing",
        "region": "north_west",
        "scale": "team",
        "team_years": "40",
        "applied_on": LAST_MONTH.strftime("%d/%m/%Y"),
        "what_we_did": "Ran the huddle at 8.30 with the district nurses, by phone.",
    }
    data.update(changes)
    return data


@pytest.fixture
def lessons(import_lessons, member_of):
    """A public lesson of the South West network, written by Ann, whose facilitator is Fay;
    a members-only lesson of Board Evidence Leads."""
    import_lessons(
        lesson(),
        lesson(
            slug="board-secret", title="Board secret", visibility="members", network="board-leads"
        ),
    )
    author = make_user("ann@example.nhs.uk")
    make_profile(author, display_name="Ann Author")
    LessonPage.objects.filter(slug="discharge-huddles").update(owner=author)
    facilitator = member_of("south-west-km", email="fay@example.nhs.uk", role="facilitator")
    return LessonPage.objects.get(slug="discharge-huddles"), author, facilitator


@pytest.fixture
def applier(db):
    user = make_user("cal@example.nhs.uk")
    make_profile(
        user,
        display_name="Cal Applier",
        visibility="members",
        organisation_type="community_trust",
        region="north_west",
        years_experience=12,
    )
    return user


def apply(the_lesson, user, **changes):
    """Record an application through the model, as the view does."""
    data = {
        "organisation_type": "community_trust",
        "setting": "district nursing",
        "region": "north_west",
        "scale": "team",
        "team_years": 40,
        "applied_on": LAST_MONTH,
        "what_we_did": "Ran the huddle by phone.",
    }
    data.update(changes)
    return the_lesson.record_application(user, **data)


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
        "Select type of organisation",
        "Select region",
        "Select scale of the work",
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
        ("31/2/2026", "When did you start? Give the date as day/month/year, like 15/3/2026"),
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


# Who sees the applier's name


@pytest.mark.parametrize(
    ("visibility", "reader", "named"),
    [
        ("everyone", "anonymous", True),
        ("members", "anonymous", False),
        ("members", "member", True),
        ("private", "anonymous", False),
        ("private", "member", False),
        ("private", "applier", True),
    ],
)
def test_the_applier_is_named_only_where_their_profile_is_visible(
    lessons, client, visibility, reader, named
):
    person = make_user("pat@example.nhs.uk")
    make_profile(person, display_name="Pat Applier", visibility=visibility)
    apply(lessons[0], person, setting="community hospital wards")
    if reader == "member":
        client.force_login(make_user("reader@example.nhs.uk"))
    elif reader == "applier":
        client.force_login(person)
    html = client.get(PAGE).content.decode()
    section = html.split('id="applications"')[1].split("</section>")[0]
    assert ("Pat Applier" in html) is named
    assert ("/members/" in section) is named
    # The context is shown either way, and the email address never.
    assert "Applied in 1 place" in html and "community hospital wards" in section
    assert person.email not in section


def test_an_application_with_no_applier_shows_its_context(lessons, client):
    Application.objects.create(
        lesson=lessons[0],
        organisation_type="acute_trust",
        region="london",
        applied_on=LAST_MONTH,
        what_we_did="Imported.",
        result="worked",
    )
    client.force_login(make_user("reader@example.nhs.uk"))
    text = text_of(client.get(PAGE))
    assert "Acute trust, London" in text and "It worked" in text
    assert "Record the result" not in text


# Results and the learned mark


def test_the_applier_records_a_result_and_the_lesson_is_learned(lessons, applier, client):
    application = apply(lessons[0], applier)
    result_url = f"{PAGE}result/{application.pk}/"
    client.force_login(applier)
    assert "What happened when you applied it?" in client.get(result_url).content.decode()

    response = client.post(result_url, {"result": "", "note": "kept"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select what happened" in html and "kept" in html

    response = client.post(result_url, {"result": "too_early", "note": "Two weeks in."})
    assert response.status_code == 302 and response.url == f"{PAGE}#application-{application.pk}"
    assert not LessonPage.objects.get(pk=lessons[0].pk).is_learned
    assert "Too early to tell" in text_of(client.get(PAGE))

    client.post(result_url, {"result": "worked", "note": "Delays fell by a third."})
    application.refresh_from_db()
    assert (application.result, application.result_on) == ("worked", timezone.localdate())
    text = text_of(client.get(PAGE))
    assert "It worked" in text and "Delays fell by a third." in text
    assert "Change the result" in text
    assert ">Learned</strong>" in response_html(client)
    listing = client.get("/lessons/").content.decode()
    assert ">Learned</strong>" in listing and "Applied in 1 place" in listing


def test_only_the_applier_records_the_result(lessons, applier, client, member_of):
    application = apply(lessons[0], applier)
    result_url = f"{PAGE}result/{application.pk}/"
    assert client.get(result_url).status_code == 302  # anonymous: sign in first
    client.force_login(lessons[2])  # the network's facilitator
    assert client.get(result_url).status_code == 404
    assert client.post(result_url, {"result": "worked"}).status_code == 404
    assert "Record the result" not in text_of(client.get(PAGE))
    with pytest.raises(PermissionDenied):
        application.record_result(lessons[2], "worked")
    application.refresh_from_db()
    assert application.result == ""


@pytest.mark.parametrize(
    ("results", "learned"),
    [
        ([], False),
        ([""], False),
        (["too_early"], False),
        (["too_early", ""], False),
        (["partly"], True),
        (["did_not_work"], True),
        (["too_early", "worked"], True),
    ],
)
def test_a_lesson_is_learned_once_a_result_is_reported(lessons, results, learned):
    the_lesson = lessons[0]
    for n, result in enumerate(results):
        Application.objects.create(
            lesson=the_lesson, applied_on=LAST_MONTH, what_we_did=f"Try {n}", result=result
        )
    # One rule, asked three ways: the queryset, one lesson, and the listings' annotation.
    assert LessonPage.objects.learned().filter(pk=the_lesson.pk).exists() is learned
    assert LessonPage.objects.get(pk=the_lesson.pk).is_learned is learned
    annotated = LessonPage.with_reading_relations(LessonPage.objects.filter(pk=the_lesson.pk))
    assert annotated.get().is_learned is learned
    assert annotated.get().applied_count == len(results)


# The reminder


def backdate(application, days):
    then = timezone.now() - datetime.timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(
        created_at=then, applied_on=timezone.localdate(then)
    )


def test_the_reminder_is_due_after_the_setting_and_sent_once(
    lessons, applier, django_capture_on_commit_callbacks
):
    assert datetime.timedelta(days=91) == settings.APPLICATION_REMINDER_AFTER
    due = apply(lessons[0], applier)
    not_yet = apply(lessons[0], applier, what_we_did="A second ward.")
    answered = apply(lessons[0], applier, what_we_did="A third ward.")
    answered.record_result(applier, "worked")
    backdate(due, 92)
    backdate(not_yet, 90)
    backdate(answered, 120)
    assert list(Application.objects.due_for_reminder()) == [Application.objects.get(pk=due.pk)]

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("send_application_reminders", stdout=output)
    assert len(callbacks) == 1
    assert "Reminders queued: 1" in output.getvalue()
    assert [message.to for message in mail.outbox] == [[applier.email]]
    reminder = mail.outbox[0]
    assert reminder.subject == "What happened when you applied “Daily discharge huddles”?"
    assert f"{settings.SITE_URL}/lessons/discharge-huddles/result/{due.pk}/" in reminder.body
    due.refresh_from_db()
    assert due.reminder_sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_reminders", stdout=output)
    assert len(mail.outbox) == 1  # once only
    assert "Reminders queued: 0" in output.getvalue()
    assert not Application.objects.due_for_reminder().exists()


def test_a_reminder_is_not_sent_if_the_result_came_first(
    lessons, applier, django_capture_on_commit_callbacks
):
    """The claim is made; the result arrives before the worker runs the task: no email."""
    application = apply(lessons[0], applier)
    backdate(application, 100)
    with django_capture_on_commit_callbacks() as callbacks:
        assert application.send_reminder() is True
        assert application.send_reminder() is False  # claimed already
    Application.objects.get(pk=application.pk).record_result(applier, "partly")
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_a_reminder_is_not_sent_to_someone_who_may_no_longer_read_the_lesson(
    lessons, member_of, django_capture_on_commit_callbacks
):
    member = member_of("board-leads", email="board@example.nhs.uk")
    application = apply(LessonPage.objects.get(slug="board-secret"), member, notify=False)
    backdate(application, 100)
    member.memberships.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_reminders", stdout=io.StringIO())
    assert mail.outbox == []


# This was useful


def test_a_member_says_a_lesson_was_useful_once(lessons, applier, client):
    useful = PAGE + "useful/"
    assert client.get(useful).status_code == 405
    response = client.post(useful, {"useful": "yes"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "No one has said this was useful yet." in text_of(client.get(PAGE))

    client.force_login(applier)
    html = client.get(PAGE).content.decode()
    assert 'name="useful" value="yes"' in html and 'aria-pressed="false"' in html
    response = client.post(useful, {"useful": "yes"})
    assert response.status_code == 302 and response.url == PAGE + "#useful"
    client.post(useful, {"useful": "yes"})  # a second click changes nothing
    assert UsefulMark.objects.filter(user=applier).count() == 1
    html = client.get(PAGE).content.decode()
    assert "1 member found this useful, including you." in text_of(client.get(PAGE))
    assert 'name="useful" value="no"' in html and 'aria-pressed="true"' in html

    other = make_user("other@example.nhs.uk")
    client.force_login(other)
    client.post(useful, {"useful": "yes"})
    assert "2 members found this useful, including you." in text_of(client.get(PAGE))
    client.post(useful, {"useful": "no"})
    client.force_login(applier)
    client.post(useful, {"useful": "no"})
    assert not UsefulMark.objects.exists()


def test_who_may_not_read_a_lesson_may_not_mark_it(lessons, client):
    client.force_login(make_user("out@example.nhs.uk"))
    assert client.post("/lessons/board-secret/useful/", {"useful": "yes"}).status_code == 404
    assert not UsefulMark.objects.exists()


# The cost of the page


@pytest.mark.parametrize("count", [1, 10])
def test_the_lesson_page_costs_the_same_however_often_it_was_applied(
    lessons, applier, client, django_assert_max_num_queries, count
):
    the_lesson = lessons[0]
    for n in range(count):
        person = make_user(f"person{n}@example.nhs.uk")
        make_profile(person, display_name=f"Person {n}", visibility=["everyone", "private"][n % 2])
        application = apply(the_lesson, person, notify=False)
        application.record_result(person, "worked", "Fine.")
        the_lesson.set_useful(person, True)
    apply(the_lesson, applier, notify=False)
    client.force_login(applier)
    client.get(PAGE)  # warm Wagtail's site-root cache
    # The lesson page's own budget for an anonymous reader (29, tests/lessons/test_pages.py),
    # 1 for the appliers' visible profiles; a signed-in reader adds their session, user and
    # networks (the read rule) and the Wagtail user bar's two permission queries.
    with django_assert_max_num_queries(33):
        response = client.get(PAGE)
    assert f"Applied in {count + 1} places" in text_of(response)
    assert response.content.decode().count('class="app-application"') == count + 1

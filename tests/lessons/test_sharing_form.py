"""The guided form at /lessons/share/: every step saves a draft revision, errors name their
field and keep what was typed, the short path is enough to send a lesson for review, and the
check page says what is still missing."""

from django.core import mail
from django.urls import reverse

import pytest

from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.pages import errors_in
from tests.builders.sharing import FACTOR, approve, in_review, people, shared, step, url


@pytest.fixture
def world(import_lessons):
    import_lessons(lesson())
    return people()


@pytest.fixture
def champion(world, client):
    client.force_login(world["champion"])
    return world["champion"]


def latest(lesson):
    return LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()


def test_starting_creates_an_unpublished_lesson_owned_by_the_champion(champion, client):
    response = client.post(
        "/lessons/share/",
        {"kind": "after_action_review", "title": "Ward huddles", "summary": "What we learned."},
    )
    lesson = LessonPage.objects.get(title="Ward huddles")
    assert response["Location"] == step(lesson, "story")
    assert lesson.owner == champion
    assert not lesson.live
    assert lesson.slug == "ward-huddles"
    assert lesson.get_parent().specific_class.__name__ == "LessonIndexPage"
    assert lesson.revisions.count() == 1
    assert status_of(lesson) == (Status.DRAFT, "")
    # The story step asks the kind's own questions.
    html = client.get(response["Location"]).content.decode()
    assert "What was meant to happen?" in html
    assert "What we set out to do" not in html


def test_each_step_saves_a_new_revision_and_resumes_from_it(champion, client):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(
        step(lesson, "story"),
        {"intended": "Discharge before noon.", "recommendations": "Start small.\nKeep it short."},
    )
    assert response["Location"] == step(lesson, "context")
    assert lesson.revisions.count() == revisions + 1
    draft = latest(lesson)
    assert draft.intended == "Discharge before noon."
    assert [block.value for block in draft.recommendations] == ["Start small.", "Keep it short."]
    # Coming back shows what was saved.
    assert "Discharge before noon." in client.get(step(lesson, "story")).content.decode()


def test_save_and_check_your_answers_goes_to_the_check_page(champion, client):
    lesson = shared(champion)
    response = client.post(step(lesson, "story"), {"intended": "x", "then": "check"})
    assert response["Location"] == url("share_check", lesson)
    response = client.post(step(lesson, "story") + "?from=check", {"intended": "y"})
    assert response["Location"] == url("share_check", lesson)


def test_the_page_row_of_a_never_published_lesson_keeps_in_step(champion, world, client):
    """Reviewers are chosen by the lesson's network, and the admin lists it by title."""
    lesson = shared(champion)
    client.post(step(lesson, "network"), {"network": "site", "visibility": "public"})
    client.post(
        step(lesson, "about"), {"kind": "lesson", "title": "Share", "summary": "A summary."}
    )
    row = LessonPage.objects.get(pk=lesson.pk)
    assert row.network is None
    assert row.title == "Share"
    assert row.slug == "share-lesson"  # /lessons/share/ is the form


def test_the_slug_share_is_kept_for_the_form(world):
    from django.core.exceptions import ValidationError

    page = LessonPage.objects.get(slug="discharge-huddles")
    page.slug = "share"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict


# Lists: add another and remove, without JavaScript


def test_add_another_team_member_shows_the_page_again_as_typed_without_saving(champion, client):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(
        step(lesson, "team"),
        {
            "member-count": "1",
            "member-1-role": "Ward sister",
            "member-1-years_experience": "18",
            "add-member": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ward sister"' in html
    assert 'name="member-2-role"' in html
    assert 'name="member-count" value="2"' in html
    assert "There is a problem" not in html
    assert lesson.revisions.count() == revisions


def test_remove_takes_out_that_member_and_keeps_the_others(champion, client):
    lesson = shared(champion)
    response = client.post(
        step(lesson, "team"),
        {
            "member-count": "3",
            "member-1-role": "Ward sister",
            "member-2-role": "Pharmacist",
            "member-3-role": "Clinical librarian",
            "member-3-years_experience": "9",
            "remove-member": "2",
        },
    )
    html = response.content.decode()
    assert "Pharmacist" not in html
    assert 'name="member-2-role"' in html and 'value="Clinical librarian"' in html
    assert 'name="member-2-years_experience"' in html and 'value="9"' in html
    assert 'name="member-3-role"' not in html


def test_the_team_is_saved_with_blank_members_left_out(champion, client):
    lesson = shared(champion)
    response = client.post(
        step(lesson, "team"),
        {
            "member-count": "3",
            "member-1-role": "Ward sister",
            "member-1-years_experience": "18",
            "member-1-specialisms": "infection prevention and control\n\ntissue viability",
            "member-1-training": "measurement for improvement",
            "member-3-role": "Clinical librarian",
            "member-3-years_experience": "9",
        },
    )
    assert response.status_code == 302
    team = list(latest(lesson).team_members.all())
    assert [(m.role, m.years_experience) for m in team] == [
        ("Ward sister", 18),
        ("Clinical librarian", 9),
    ]
    assert team[0].specialism_list == ["infection prevention and control", "tissue viability"]
    row = LessonPage.objects.get(pk=lesson.pk)
    assert (row.team_size, row.team_years) == (2, 27)


def test_a_factor_with_its_whys_root_cause_and_actions(champion, client):
    lesson = shared(champion, factor=False)
    response = client.get(url("share_factor", lesson, "new"))
    html = response.content.decode()
    assert 'name="why-3-text"' in html and 'name="why-4-text"' not in html
    assert "See an example of a good chain of whys" in html
    response = client.post(
        url("share_factor", lesson, "new"),
        {
            "type": "success_factor",
            "statement": "Effective communication",
            "why-count": "4",
            "why-1-text": "Everyone heard the same plan",
            "why-2-text": "",
            "why-3-text": "The huddle was at 9am daily",
            "why-4-text": "The ward sister protected the slot",
            "root_cause": "A fixed time made it a habit.",
            "action-count": "2",
            "action-1-text": "Booked 9am in every rota",
            "action-2-text": "",
        },
    )
    assert response["Location"] == step(lesson, "factors")
    (block,) = latest(lesson).factors
    assert block.value["statement"] == "Effective communication"
    assert list(block.value["whys"]) == [
        "Everyone heard the same plan",
        "The huddle was at 9am daily",
        "The ward sister protected the slot",
    ]
    assert list(block.value["actions"]) == ["Booked 9am in every rota"]

    # Changing it keeps its place; removing it leaves none.
    change = url("share_factor", lesson, block.id)
    assert "Effective communication" in client.get(change).content.decode()
    client.post(
        change,
        {
            "type": "barrier",
            "statement": "Communication",
            "why-count": "1",
            "why-1-text": "x",
            "action-count": "1",
        },
    )
    (changed,) = latest(lesson).factors
    assert (changed.id, changed.value["type"]) == (block.id, "barrier")
    client.post(step(lesson, "factors"), {"remove": block.id})
    assert not latest(lesson).factors


def test_a_chain_stops_at_seven_whys(champion, client):
    lesson = shared(champion, factor=False)
    data = {"type": "barrier", "statement": "S", "why-count": "7", "add-why": "1"}
    html = client.post(url("share_factor", lesson, "new"), data).content.decode()
    assert 'name="why-7-text"' in html and 'name="why-8-text"' not in html
    assert '<p hidden><button class="nhsuk-button nhsuk-button--secondary" type="submit" ' in html


def test_maturity_outcome_then_its_level_with_descriptors(champion, client):
    lesson = shared(champion)
    response = client.post(step(lesson, "maturity"), {"outcome": "qiof-2"})
    assert response["Location"] == url("share_level", lesson, "qiof-2")
    html = client.get(response["Location"]).content.decode()
    assert "Level 2" in html
    assert "nhsuk-radios__hint" in html  # each level's descriptor under its choice
    client.post(response["Location"], {"level": "2"})
    (link,) = latest(lesson).maturity_links.all()
    assert (link.dimension.code, link.level) == ("qiof-2", 2)
    # The outcome and level are named one way on the step and the check page.
    for page in (step(lesson, "maturity"), url("share_check", lesson)):
        html = client.get(page).content.decode()
        assert "QIOF Outcome 2 · level 2: delivering to teams" in html
        assert "Quality and Improvement Outcomes, Outcome 2" not in html
    client.post(url("share_level", lesson, "qiof-1"), {"level": "1"})
    links = latest(lesson).maturity_links.all()
    assert [(x.dimension.code, x.sort_order) for x in links] == [("qiof-2", 0), ("qiof-1", 1)]
    client.post(step(lesson, "maturity"), {"remove": str(link.dimension_id)})
    assert [(x.dimension.code, x.sort_order) for x in latest(lesson).maturity_links.all()] == [
        ("qiof-1", 0)
    ]


def test_themes_are_suggested_from_lessons_the_member_may_read(champion, client, import_lessons):
    import_lessons(
        lesson(
            slug="secret",
            title="Secret",
            visibility="members",
            network="board-leads",
            themes=["board secrets"],
        )
    )
    lesson_ = shared(champion)
    html = client.get(step(lesson_, "themes")).content.decode()
    assert 'value="huddles"' in html
    assert "board secrets" not in html
    client.post(step(lesson_, "themes"), {"chosen": ["huddles"], "others": "flow,  new  idea"})
    assert sorted(tag.name for tag in latest(lesson_).themes.all()) == [
        "flow",
        "huddles",
        "new idea",
    ]


def test_network_choices_are_the_members_own_networks_and_the_whole_site(champion, client):
    lesson = shared(champion)
    html = client.get(step(lesson, "network")).content.decode()
    assert "South West KM Network" in html
    assert "Board Evidence Leads" not in html
    board = NetworkPage.objects.get(slug="board-leads")
    response = client.post(step(lesson, "network"), {"network": board.pk, "visibility": "public"})
    assert response.status_code == 400
    assert errors_in(response) == [
        "Who should review and host your lesson?: Select a network you belong to, or the whole site"
    ]


def test_evidence_links_are_http_or_https_only(champion, client):
    lesson = shared(champion)
    response = client.post(
        step(lesson, "evidence"),
        {"link-count": "1", "link-1-title": "Report", "link-1-url": "https://example.org/r"},
    )
    assert response.status_code == 302
    (link,) = latest(lesson).evidence
    assert dict(link.value) == {"title": "Report", "url": "https://example.org/r"}


# Errors name the field and keep what was typed


@pytest.mark.parametrize(
    "slug, data, message, kept",
    [
        (
            "about",
            {"kind": "lesson", "title": "", "summary": "Kept summary"},
            "Enter a title",
            "Kept summary",
        ),
        (
            "story",
            {"intended": "x" * 20_001, "outcome": "Kept outcome"},
            "What we set out to do: Ensure this value has at most 20000 characters",
            "Kept outcome",
        ),
        (
            "context",
            {"setting": "Kept setting", "date_0": "31", "date_1": "2", "date_2": "2025"},
            "When did the work happen? must be a real date, for example 15 3 2025",
            "Kept setting",
        ),
        (
            "team",
            {
                "member-count": "2",
                "member-1-role": "Kept role",
                "member-2-role": "Pharmacist",
                "member-2-years_experience": "99",
            },
            "Years of experience of team member 2 must be a whole number from 0 to 60",
            "Kept role",
        ),
        (
            "team",
            {"member-count": "1", "member-1-years_experience": "12"},
            "Enter the role of team member 1",
            'value="12"',
        ),
        (
            "themes",
            {"others": "Kept, " + "x" * 101},
            "Other themes: “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is too long",
            "Kept, ",
        ),
        (
            "network",
            {"network": "site", "visibility": "members"},
            "Members-only lessons belong to a network: choose a network, or let everyone read it",
            'value="site" checked',
        ),
        (
            "evidence",
            {"link-count": "1", "link-1-title": "Kept title", "link-1-url": "ftp://x.org/a"},
            "Evidence link 1: Enter an address that starts with http:// or https://",
            "Kept title",
        ),
        (
            "evidence",
            {"link-count": "2", "link-2-url": "https://example.org/kept"},
            "Enter the title of evidence link 2",
            "https://example.org/kept",
        ),
        (
            "maturity",
            {"outcome": ""},
            "Select a maturity outcome",
            "Choose an outcome",
        ),
    ],
)
def test_errors_name_the_field_and_keep_what_was_typed(champion, client, slug, data, message, kept):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(step(lesson, slug), data)
    assert response.status_code == 400
    errors = errors_in(response)
    assert any(error.startswith(message) for error in errors), errors
    html = response.content.decode()
    assert kept in html
    assert 'data-module="nhsuk-error-summary"' in html
    assert "<title>Error: " in html
    assert lesson.revisions.count() == revisions


def test_factor_and_level_errors_name_the_field(champion, client):
    lesson = shared(champion)
    response = client.post(
        url("share_factor", lesson, "new"),
        {"type": "barrier", "statement": "", "why-count": "2", "why-2-text": "Kept why"},
    )
    assert response.status_code == 400
    assert (
        errors_in(response)
        == [
            "Enter the factor as people first say it",
        ]
        or errors_in(response)[0] == "Enter the factor as people first say it"
    )
    assert "Kept why" in response.content.decode()
    response = client.post(
        url("share_factor", lesson, "new"), {"type": "barrier", "statement": "S"}
    )
    assert "Enter at least one why: why did this help, or get in the way?" in errors_in(response)
    response = client.post(url("share_level", lesson, "qiof-2"), {})
    assert errors_in(response) == ["Select the level your lesson speaks to"]


def test_the_first_step_keeps_what_was_typed_before_there_is_a_draft(champion, client):
    response = client.post("/lessons/share/", {"kind": "retrospect", "title": "Kept title"})
    assert response.status_code == 400
    assert errors_in(response) == ["Enter a summary"]
    html = response.content.decode()
    assert 'value="Kept title"' in html
    assert 'value="retrospect" checked' in html
    assert not LessonPage.objects.filter(title="Kept title").exists()


# The short path, the check page and sending it for review


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


def test_no_radio_is_chosen_for_the_champion_on_a_new_lesson_or_factor(champion, client):
    html = client.get("/lessons/share/").content.decode()
    assert 'value="lesson" checked' not in html and " checked" not in html
    response = client.post("/lessons/share/", {"title": "Quick win", "summary": "Short."})
    assert "Select what kind of lesson it is" in response.content.decode()
    lesson = shared(champion, factor=False)
    html = client.get(url("share_factor", lesson, "new")).content.decode()
    assert 'value="success_factor" checked' not in html and " checked" not in html

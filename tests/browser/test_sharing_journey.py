"""A member who is not staff shares a complete lesson through the guided form; a facilitator of
their network asks for a change in the Wagtail admin; the champion changes it and sends it
back; the facilitator approves it, and it is published. axe checks every step of the form,
with its errors showing where there are any, and one step is done with the keyboard alone."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from network.models import Membership, NetworkPage
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Protected time for evidence huddles"


@pytest.fixture
def network():
    ensure_site_tree()
    import_lessons(document(lesson()))  # "Daily discharge huddles", a lesson like ours
    network = NetworkPage.objects.get(slug="south-west-km")
    for email, role in (
        ("champion@example.nhs.uk", "member"),
        ("lead@example.nhs.uk", "facilitator"),
    ):
        Membership.objects.create(network=network, user=make_user(email), role=role)
    return network


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def save_and_continue(page):
    page.get_by_role("button", name=re.compile("^Save and (continue|go back)")).click()


def heading(page):
    return page.get_by_role("heading", level=1)


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_member_shares_a_lesson_and_a_facilitator_publishes_it(
    network, browser, live_server, page, assert_accessible
):
    # Signed out, the form sends the member to sign in, then straight back.
    page.goto("/")
    page.get_by_role("link", name="Share a lesson").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/lessons/share/"))
    sign_in(page, "champion@example.nhs.uk")
    expect(heading(page)).to_have_text("Share a lesson")
    assert_accessible(page)

    # 1. Kind, title and summary
    page.get_by_label("Lesson learned").check()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Summary").fill("Fifteen protected minutes made the evidence huddle a habit.")
    save_and_continue(page)

    # 2. The story, under a lesson's own questions
    expect(heading(page)).to_have_text("Tell the story")
    assert_accessible(page)
    page.get_by_label("What we set out to do").fill("Bring one piece of evidence to each huddle.")
    page.get_by_label("What happened").fill("The librarian brought a card a day for twelve weeks.")
    page.get_by_label("The outcome and how we measured it").fill(
        "Nine changes to practice, counted from the huddle log."
    )
    page.get_by_label("Recommendations for someone trying this elsewhere").fill(
        "Start with one ward.\nKeep each card to one page."
    )
    save_and_continue(page)

    # 3. Context, first with a date that does not exist: the error names the field, takes
    # the focus, and keeps what was typed.
    expect(heading(page)).to_have_text("Where did it happen?")
    page.get_by_label("Type of organisation").select_option("acute_trust")
    page.get_by_label("Care or service setting").fill("inpatient wards")
    page.get_by_label("Region").select_option("south_west")
    page.get_by_label("A department").check()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    save_and_continue(page)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("When did the work happen? must be a real date")
    expect(page.get_by_label("Care or service setting")).to_have_value("inpatient wards")
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Day")).to_be_focused()
    page.get_by_label("Day").fill("28")
    save_and_continue(page)

    # 4. The team: two members, the second added with "Add another team member"
    expect(heading(page)).to_have_text("Who was in the team?")
    assert_accessible(page)
    first = page.get_by_role("group", name="Team member 1")
    first.get_by_label("Role").fill("Ward sister")
    first.get_by_label("Years of experience").fill("18")
    first.get_by_label("Specialisms").fill("infection prevention and control")
    first.get_by_label("Improvement or knowledge management training").fill(
        "measurement for improvement"
    )
    page.get_by_role("button", name="Add another team member").click()
    expect(first.get_by_label("Role")).to_have_value("Ward sister")
    second = page.get_by_role("group", name="Team member 2")
    second.get_by_label("Role").fill("Clinical librarian")
    second.get_by_label("Years of experience").fill("9")
    second.get_by_label("Improvement or knowledge management training").fill("QSIR practitioner")
    assert_accessible(page)
    save_and_continue(page)

    # 5. A barrier followed down three whys
    expect(heading(page)).to_have_text("Success factors and barriers")
    assert_accessible(page)
    page.get_by_role("link", name="Add a success factor or barrier").click()
    page.get_by_text("See an example of a good chain of whys").click()
    expect(page.get_by_text("protected the slot in every rota")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Barrier").check()
    page.get_by_label("The factor as people first say it").fill("Pharmacy delays")
    page.get_by_label("Why? (1)").fill("Medicines to take home were late")
    page.get_by_label("Why? (2)").fill("Prescriptions were written after the ward round")
    page.get_by_label("Why? (3)").fill("The ward round finished at noon")
    page.get_by_label("Root cause").fill("Discharge work was planned around the ward round.")
    page.get_by_label("Action 1").fill("Wrote discharge prescriptions the afternoon before")
    save_and_continue(page)
    expect(page.locator(".nhsuk-summary-list__value")).to_contain_text("Pharmacy delays")

    # The champion stops here, and later resumes the saved draft from My lessons.
    page.goto("/")
    page.goto("/members/me/lessons/")
    expect(page.get_by_role("heading", name="Drafts")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"^Continue\W+{TITLE}")).click()
    expect(heading(page)).to_have_text("Check your answers")
    expect(page.get_by_text("To make your lesson complete")).to_be_visible()
    assert_accessible(page)

    # 6. A maturity outcome, then its level, each level shown with its descriptor
    page.get_by_role("link", name="Add outcomes").click()
    assert_accessible(page)
    page.get_by_label("Add a maturity outcome").select_option("qiof-2")
    page.get_by_role("button", name="Choose its level").click()
    expect(
        page.get_by_text("Specialists are directly involved in bringing knowledge")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name=re.compile(r"^Level 2")).check()
    page.get_by_role("button", name="Save this level").click()
    page.get_by_role("button", name="Go back to check your answers").click()

    # 7. Themes: one others have used, one new
    page.get_by_role("link", name="Add themes").click()
    assert_accessible(page)
    page.get_by_label("huddles").check()
    page.get_by_label("Other themes").fill("protected time")
    save_and_continue(page)

    # 8. Network and visibility, with the keyboard alone
    page.get_by_role("link", name="Change shared with").click()
    expect(heading(page)).to_have_text("Where do you want to share it?")
    assert_accessible(page)
    expect(page.locator("input[name=network]:checked")).to_have_count(0)  # nothing pre-selected
    tab_to(page, "input[name=network]")
    page.keyboard.press("Space")  # the first choice: the champion's network
    expect(page.get_by_label("South West KM Network")).to_be_checked()
    tab_to(page, "button.nhsuk-button")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Check your answers")

    # 9. Evidence, first with an address that is not a web address
    page.get_by_role("link", name="Add evidence links").click()
    page.get_by_label("Title").fill("Huddle log, 2025")
    page.get_by_label("Address").fill("ftp://files.example.org/log")
    save_and_continue(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Evidence link 1: Enter an address that starts with http:// or https://"
    )
    assert_accessible(page)
    page.get_by_label("Address").fill("https://example.org/huddle-log")
    save_and_continue(page)

    # Check your answers: a lesson like ours is suggested, with reasons; ours builds on it.
    expect(heading(page)).to_have_text("Check your answers")
    expect(page.get_by_text("To make your lesson complete")).to_have_count(0)
    similar = page.locator(".app-similar")
    expect(similar).to_contain_text("Daily discharge huddles")
    expect(similar).to_contain_text("same organisation type: Acute trust")
    similar.get_by_role(
        "button", name=re.compile(r"^My lesson builds on this\W+Daily discharge huddles")
    ).click()
    expect(page.get_by_text("Your lesson builds on this one.")).to_be_visible()
    assert_accessible(page)

    # The preview is the lesson page itself.
    page.get_by_role("link", name="Preview your lesson as it will be published").click()
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_text("The ward round finished at noon")).to_be_visible()
    expect(page.get_by_text("This lesson builds on")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Go back to check your answers").click()

    mail.outbox.clear()
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("heading", name="Your lesson has been sent for review")).to_be_visible()
    expect(
        page.get_by_text("the facilitators of South West KM Network will review it")
    ).to_be_visible()
    assert_accessible(page)
    assert [message.to for message in mail.outbox] == [["lead@example.nhs.uk"]]
    lesson_ = LessonPage.objects.get(title=TITLE)
    assert not lesson_.live

    # The facilitator asks for a change in the Wagtail admin.
    facilitator = browser.new_context(base_url=live_server.url).new_page()
    facilitator.goto(f"/admin/pages/{lesson_.pk}/edit/")
    sign_in(facilitator, "lead@example.nhs.uk")
    facilitator.get_by_role("button", name="More actions").click()
    facilitator.get_by_role("button", name="Request changes").click()
    dialog = facilitator.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("Please say how many huddles ran each week.")
    dialog.get_by_role("button", name="Request changes").click()
    facilitator.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert status_of(LessonPage.objects.get(pk=lesson_.pk))[0] == Status.CHANGES_REQUESTED

    # The champion sees the comment, changes the story and sends it back.
    assert mail.outbox[-1].to == ["champion@example.nhs.uk"]
    page.goto("/members/me/lessons/")
    expect(page.get_by_text("Please say how many huddles ran each week.")).to_be_visible()
    page.get_by_role("link", name=re.compile(rf"^Make changes\W+{TITLE}")).click()
    expect(page.get_by_text("Your reviewer asked for changes")).to_be_visible()
    page.get_by_role("link", name="Change what happened").click()
    page.get_by_label("What happened").fill(
        "The librarian brought a card a day for twelve weeks; five huddles ran each week."
    )
    save_and_continue(page)
    page.get_by_role("button", name="Send it back for review").click()
    expect(page.get_by_role("heading", name="Your lesson has been sent for review")).to_be_visible()

    # The facilitator approves it, and it is published.
    facilitator.goto(f"/admin/pages/{lesson_.pk}/edit/")
    facilitator.get_by_role("button", name="More actions").click()
    facilitator.get_by_role("button", name=re.compile("^Approve and publish")).click()
    facilitator.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    facilitator.context.close()

    lesson_ = LessonPage.objects.get(pk=lesson_.pk)
    assert lesson_.live
    page.goto("/lessons/")
    page.get_by_role("link", name=TITLE).click()
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_text("five huddles ran each week")).to_be_visible()
    assert_accessible(page)
    page.goto("/search/?q=protected+huddles")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_team_members_are_added_and_removed_with_and_without_javascript(
    network, browser, live_server, javascript, assert_accessible
):
    from tests.builders.sharing import shared

    lesson_ = shared(make_user_of(network, "second@example.nhs.uk"))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/lessons/share/{lesson_.pk}/team/")
    sign_in(page, "second@example.nhs.uk")
    for number, role in enumerate(["Ward sister", "Pharmacist", "Clinical librarian"], 1):
        if number > 1:
            page.get_by_role("button", name="Add another team member").click()
        group = page.get_by_role("group", name=f"Team member {number}")
        if javascript and number > 1:  # in place, with the focus on the new member
            expect(group.get_by_label("Role")).to_be_focused()
        group.get_by_label("Role").fill(role)
        group.get_by_label("Years of experience").fill(str(number * 5))
    if javascript:  # axe runs in the page, so only where scripts may
        assert_accessible(page)
    page.get_by_role("button", name="Remove team member 1").click()
    expect(page.get_by_role("group", name="Team member 3")).to_have_count(0)
    expect(page.get_by_role("group", name="Team member 1").get_by_label("Role")).to_have_value(
        "Pharmacist"
    )
    save_and_continue(page)
    expect(heading(page)).to_have_text("Success factors and barriers")
    draft = LessonPage.objects.get(pk=lesson_.pk).get_latest_revision_as_object()
    assert [(m.role, m.years_experience) for m in draft.team_members.all()] == [
        ("Pharmacist", 10),
        ("Clinical librarian", 15),
    ]
    context.close()


def make_user_of(network, email):
    user = make_user(email)
    Membership.objects.create(network=network, user=user, role="member")
    return user

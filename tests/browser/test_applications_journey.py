import datetime
import io
import re

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import Application
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import document, lesson
from tests.builders.network import make_profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_applies_a_lesson_then_records_that_it_worked(page, assert_accessible):
    ensure_site_tree()
    import_lessons(document(lesson()))
    member = make_user("cara@example.nhs.uk")
    make_profile(
        member,
        display_name="Cara Community",
        organisation_type="community_trust",
        region="north_west",
        years_experience=14,
    )

    page.goto("/accounts/login/?next=/lessons/discharge-huddles/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daily discharge huddles")
    expect(page.get_by_text("No team has said it applied this lesson yet.")).to_be_visible()

    # The form starts from the profile; leaving out the rest shows what is missing.
    page.get_by_role("button", name="We applied this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tell us your team applied this lesson"
    )
    expect(page.get_by_label("Type of organisation")).to_have_value("community_trust")
    expect(page.get_by_label("Region")).to_have_value("north_west")
    page.get_by_label("Care or service setting (optional)").fill("district nursing")
    page.get_by_role("button", name="Record that we applied it").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    for message in ["Select the scale of the work", "Enter the date you started"]:
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(
        summary.get_by_role("link", name="Describe what you did and what you adapted")
    ).to_be_visible()
    expect(page.get_by_label("Care or service setting (optional)")).to_have_value(
        "district nursing"
    )
    assert_accessible(page)

    # Following an error's link leads to its field.
    summary.get_by_role("link", name="Enter the date you started").click()
    expect(page.get_by_label("Day", exact=True)).to_be_focused()
    started = timezone.localdate() - datetime.timedelta(days=100)
    page.get_by_label("Day", exact=True).fill(str(started.day))
    page.get_by_label("Month", exact=True).fill(str(started.month))
    page.get_by_label("Year", exact=True).fill(str(started.year))
    page.get_by_label("A team", exact=True).check()
    page.get_by_label("What did you do, and what did you adapt?").fill(
        "Ran the huddle by phone with three district nursing teams."
    )
    page.get_by_role("button", name="Record that we applied it").click()

    applications = page.locator("#applications")
    expect(page.get_by_text("your team's application is recorded")).to_be_visible()
    expect(applications.get_by_role("heading", name="Applied in 1 place")).to_be_visible()
    expect(applications.get_by_text("Result: not recorded yet")).to_be_visible()
    expect(page.locator(".app-lesson-marks").get_by_text("Learned")).to_have_count(0)

    # Three months later the reminder asks what happened; its link leads to the result form.
    Application.objects.update(created_at=timezone.now() - datetime.timedelta(days=100))
    call_command("send_application_reminders", stdout=io.StringIO())
    link = re.search(r"https?://[^/\s]+(/lessons/\S+/result/\d+/)", mail.outbox[-1].body)
    page.goto(link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened when you applied it?")
    page.get_by_label("It worked", exact=True).check()
    page.get_by_label("A short note (optional)").fill("Delays fell by a third in eight weeks.")
    page.get_by_role("button", name="Record the result").click()

    expect(page.locator(".app-lesson-marks").get_by_text("Learned")).to_be_visible()
    expect(applications.get_by_text("It worked")).to_be_visible()
    expect(applications.get_by_text("Delays fell by a third in eight weeks.")).to_be_visible()

    # And it was useful: one press, counted.
    page.get_by_role("button", name="This was useful").click()
    expect(page.get_by_text("1 member found this useful, including you.")).to_be_visible()
    expect(page.get_by_role("button", name="This was useful")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_accessible(page)

    page.goto("/lessons/")
    expect(page.locator(".app-lesson-card").get_by_text("Learned", exact=True)).to_be_visible()

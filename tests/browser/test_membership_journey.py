import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from network.models import Membership, NetworkPage
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Board paper evidence checks"


@pytest.fixture
def networks():
    ensure_site_tree()
    import_lessons(
        document(
            lesson(),
            lesson(slug="board-secret", title=SECRET, visibility="members", network="board-leads"),
        )
    )
    lead = make_user("lead@example.nhs.uk")
    Membership.objects.create(
        network=NetworkPage.objects.get(slug="board-leads"), user=lead, role="facilitator"
    )
    return lead


def test_a_newcomer_joins_networks_and_reads_members_only_lessons(
    networks, page, other_page, assert_accessible
):
    # Sign up, then verify the email address from the link in the message.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("newcomer@example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()

    # Complete the profile.
    expect(page.get_by_role("heading", name="Complete your profile")).to_be_visible()
    page.get_by_label("Your name as others will see it").fill("Nia Newcomer")
    page.get_by_label("Job role").fill("Clinical librarian")
    page.get_by_label("Organisation type").select_option("community_trust")
    page.get_by_label("Years of experience in this kind of work").fill("7")
    page.get_by_label("Ask me about").fill("evidence summaries, peer assist")
    page.get_by_label("Everyone").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nia Newcomer")
    assert_accessible(page)

    # Join a public network.
    page.goto("/networks/south-west-km/")
    page.get_by_role("button", name="Join this network").click()
    expect(page.get_by_text("You have joined South West KM Network.")).to_be_visible()
    assert_accessible(page)

    # Ask to join the members-only one; its lesson is hidden until a facilitator approves.
    page.goto("/networks/board-leads/")
    expect(page.get_by_text(SECRET)).to_have_count(0)
    page.get_by_label("Why would you like to join? (optional)").fill("I write board papers.")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_text("You have asked to join Board Evidence Leads")).to_be_visible()
    assert page.goto("/lessons/board-secret/").status == 404

    # The facilitator approves, in their own browser session.
    facilitator = other_page
    facilitator.goto("/accounts/login/?next=/networks/board-leads/requests/")
    facilitator.get_by_label("Email").fill("lead@example.nhs.uk")
    facilitator.get_by_label("Password").fill(PASSWORD)
    facilitator.get_by_role("button", name="Sign In").click()
    expect(facilitator.get_by_text("“I write board papers.”")).to_be_visible()
    facilitator.get_by_role("button", name="Approve newcomer@example.nhs.uk").click()
    expect(facilitator.get_by_text("has been added to Board Evidence Leads")).to_be_visible()
    assert mail.outbox[-1].subject == "Welcome to Board Evidence Leads"

    # Now the newcomer reads the members-only lesson.
    page.goto("/networks/board-leads/")
    page.get_by_role("link", name=SECRET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SECRET)

    page.goto("/members/")
    expect(page.get_by_role("link", name="Nia Newcomer")).to_be_visible()
    assert_accessible(page)

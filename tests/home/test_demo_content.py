"""The demo loader: a whole site from home/demo/, indexed for search, safe to run again."""

import io
import os

from django.core.management import CommandError, call_command

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.roles import is_site_editor, site_editors
from assessments.models import (
    ActionPlan,
    Answer,
    Assessment,
    Discussion,
    Feedback,
    Organisation,
    Round,
    Unit,
)
from campaigns.models import (
    CampaignNewsPage,
    CampaignPage,
    CaseStudyNomination,
    KeyMessage,
    Milestone,
    MonthlyPick,
    Quote,
    Signature,
    case_study_of_the_month,
    signature_count,
)
from home import demo_content
from lessons.models import LessonPage
from network.models import EventPage, Membership, NetworkReview, Profile, RegionalLead

PASSWORD = "a-demo-password-for-tests"


def load():
    """Run the command as `make run` does; the password comes from DEMO_PASSWORD, so no
    .demo-password file is written."""
    out = io.StringIO()
    previous = os.environ.get("DEMO_PASSWORD")
    os.environ["DEMO_PASSWORD"] = PASSWORD
    try:
        call_command("load_demo_content", stdout=out)
    finally:
        if previous is None:
            del os.environ["DEMO_PASSWORD"]
        else:
            os.environ["DEMO_PASSWORD"] = previous
    return out.getvalue()


def counts():
    return {
        "lessons": LessonPage.objects.count(),
        "live lessons": LessonPage.objects.live().count(),
        "events": EventPage.objects.count(),
        "people": User.objects.count(),
        "memberships": Membership.objects.count(),
        "profiles": Profile.objects.count(),
        "reviews": NetworkReview.objects.count(),
        "regional leads": RegionalLead.objects.count(),
        "key messages": KeyMessage.objects.count(),
        "nominations": CaseStudyNomination.objects.count(),
        "picks": MonthlyPick.objects.count(),
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
        "closed assessments": Assessment.objects.filter(status="closed").count(),
        "answers": Answer.objects.count(),
        "campaigns": CampaignPage.objects.live().count(),
        "campaign news": CampaignNewsPage.objects.live().count(),
        "quotes": Quote.objects.count(),
        "signatures": Signature.objects.confirmed().count(),
        "milestones reached": Milestone.objects.filter(reached_at__isnull=False).count(),
    }


@pytest.fixture(scope="module")
def demo(module_db):
    output = load()
    return output, counts()


def test_it_loads_every_kind_of_content(demo):
    output, loaded = demo
    assert loaded["lessons"] == len(demo_content.read("lessons.json")["lessons"])
    made_up = User.objects.filter(email__startswith="lead.xd")  # the benchmark's (demo_rounds)
    assert (
        loaded["people"] - made_up.count() == len(demo_content.read("members.json")["members"]) + 1
    )  # admin
    assert all(loaded.values()), loaded
    assert "Search index updated." in output and PASSWORD in output


def test_every_demo_person_can_sign_in_with_a_verified_address(demo, client):
    assert not EmailAddress.objects.filter(verified=False).exists()
    assert client.login(email=demo_content.ADMIN_EMAIL, password=PASSWORD)


def test_the_demo_has_a_site_editor_by_the_group_and_nobody_is_staff(demo):
    priya = User.objects.get(email="priya.sharma@example.nhs.uk")
    assert is_site_editor(priya) and not priya.is_superuser
    assert set(site_editors()) == {priya, User.objects.get(email=demo_content.ADMIN_EMAIL)}
    assert not User.objects.filter(is_staff=True).exists()


def test_demo_lessons_are_found_by_search(demo, client):
    title = LessonPage.objects.live().filter(visibility="public").order_by("pk").first().title
    body = client.get("/api/lessons/search/", {"q": title}).json()
    assert title in [result["title"] for result in body["results"]]


def test_events_say_who_they_are_for_without_repeating_the_label(demo, client):
    events = EventPage.objects.exclude(audience="")
    assert events.exists()
    for event in events:
        assert not event.audience.lower().startswith("for"), event.slug
        event.full_clean()  # what the editor would accept


def test_the_demo_tells_the_value_story(demo, client):
    assert list(KeyMessage.objects.values_list("number", flat=True)) == list(range(2, 10))
    nine = KeyMessage.objects.get(number=9)
    assert "£132m" in nine.text and "Value Proposition" in nine.source_title
    case_study, picked = case_study_of_the_month()
    assert picked and case_study.impact_vignette and case_study.impact_corroboration
    with_figures = LessonPage.objects.filter(kind="case_study", impact_hours_saved__isnull=False)
    assert with_figures.count() >= 3
    assert all(page.impact_corroboration for page in with_figures)
    html = client.get("/impact/").content.decode()
    assert "£132m" in html and "Quote key message 9" in html
    assert client.get("/impact/messages/9/").status_code == 200


def test_the_demo_has_two_organisations_with_units_and_closed_assessments(demo, client):
    named = Organisation.objects.exclude(ods_code__startswith="XD")  # not made up for rounds
    for organisation in named:
        assert organisation.units.count() >= 3  # the whole organisation and two more
        assert organisation.assessments.filter(status="closed").exists()
    assert named.count() == 2
    gated = Answer.objects.get(
        assessment__unit__kind="whole",
        assessment__organisation__ods_code="XKM01",
        dimension__code="qiof-2",
        assessment__status="closed",
    )
    assert gated.in_words == "Level 3 agreed; evidence for level 3 missing, counts as 2"
    # Eleanor leads the South West: she reads Kingsmead's closed work, not its notes.
    eleanor = User.objects.get(email="eleanor.marsh@example.nhs.uk")
    client.force_login(eleanor)
    page = client.get(f"/assessments/{gated.assessment_id}/outcomes/{gated.position}/").text
    assert "counts as 2" in page and "Board secretary" not in page
    assert "Demo placeholder" in client.get(f"/assessments/{gated.assessment_id}/").text


def test_the_demo_has_two_years_of_results_a_discussion_feedback_and_an_action_plan(demo, client):
    medicine = Unit.objects.get(name="Medicine directorate")
    years = medicine.assessments.filter(status="closed").values_list("closed_at__year", flat=True)
    assert sorted(years) == [2025, 2026]
    plan = ActionPlan.objects.get()
    assert Discussion.objects.get().assessment == plan.assessment
    assert Feedback.objects.get().assessment == plan.assessment
    assert plan.actions.filter(status="done").exists()
    assert plan.actions.filter(lesson_links__isnull=False).exists()
    client.force_login(User.objects.get(email="helen.carter@example.nhs.uk"))
    assert "Board secretary" in client.get(f"/assessments/{plan.assessment_id}/plan/").text
    organisation = plan.assessment.organisation_id
    track = client.get(f"/assessments/organisations/{organisation}/track/?unit={medicine.pk}")
    assert "up 1" in track.text


def test_the_demo_has_rounds_with_figures_shown_and_withheld(demo, client):
    statistics = Round.objects.get(title="Annual statistics 2025").publications.get()
    shown = set(statistics.shown)
    assert {"all", "region:south_west", "organisation_type:acute_trust"} <= shown
    assert "region:east_of_england" not in shown  # 2 organisations
    assert Round.objects.get(title="QIOF baseline 2025").is_closed
    assert Round.objects.get(title="Annual statistics 2026").is_open()
    helen = User.objects.get(email="helen.carter@example.nhs.uk")
    kingsmead = Organisation.objects.get(ods_code="XKM01")
    client.force_login(helen)
    position = f"/assessments/rounds/{statistics.round_id}/organisations/{kingsmead.pk}/position/"
    page = client.get(position).content.decode()
    assert "Your position against your peers" in page and "withheld" not in page
    assert client.get(f"/assessments/rounds/{statistics.round_id}/report/").status_code == 200


def test_the_demo_runs_a_campaign_with_a_pledge_people_signed(demo, client):
    campaign = CampaignPage.objects.get(slug="a-million-decisions")
    assert Quote.objects.filter(campaign=campaign).count() == 3
    assert signature_count(campaign) == 11
    assert campaign.milestones.get(signatures=10).reached_at is not None
    assert campaign.milestones.get(signatures=100).reached_at is None
    html = client.get(campaign.url).content.decode()
    assert "Amira Khan" in html and "Sarah Bell" not in html  # listed only with consent
    assert "Share this quote as a card" in html and "Share this case study as a card" in html
    quote = Quote.objects.filter(campaign=campaign).first()
    page = client.get(campaign.url + campaign.reverse_subpage("quote", args=[quote.pk]))
    assert page.status_code == 200


def test_loading_again_changes_nothing(demo):
    _, loaded = demo
    load()
    assert counts() == loaded


def test_the_loader_refuses_where_demo_content_is_not_allowed(db, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        call_command("load_demo_content")

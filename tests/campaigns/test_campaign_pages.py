"""Campaigns at /campaigns/ and /campaigns/<slug>/: the key message, audiences, ways to take
part, the materials kit, linked case studies and events (only those the reader may read), news
as child pages with a feed, and campaigns followed through the follow registry (issue 22)."""

import io

from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from campaigns.models import CampaignCaseStudy, CampaignEvent, CampaignMaterial
from core import follows
from following.models import Follow, NotificationPreference
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.campaigns import add_campaign, add_news
from tests.builders.files import image
from tests.builders.lessons import lesson
from tests.builders.network import add_event


def test_the_campaigns_section_lists_live_campaigns(site_tree, client):
    add_campaign()
    add_campaign("draft-campaign", "Draft campaign", live=False)
    html = client.get("/campaigns/").content.decode()
    assert 'href="/campaigns/a-million-decisions/"' in html
    assert "Draft campaign" not in html
    assert client.get("/campaigns/draft-campaign/").status_code == 404


def test_a_campaign_page_shows_its_message_audiences_ways_and_kit(site_tree, client):
    campaign = add_campaign(
        audiences="<p>Board members and clinicians</p>",
        ways_to_take_part="<ul><li>Share a local example</li></ul>",
        email_signature="Proud to support #AMillionDecisions",
    )
    CampaignMaterial.objects.create(campaign=campaign, kind="poster", title="A4 poster")
    html = client.get("/campaigns/a-million-decisions/").content.decode()
    for text in (
        "Every decision in the NHS should be informed by evidence",
        "#AMillionDecisions",
        "Board members and clinicians",
        "Share a local example",
        "Proud to support #AMillionDecisions",
        "A4 poster",
        '<meta property="og:title" content="A Million Decisions">',
    ):
        assert text in html


def test_the_kit_shows_each_image_with_its_alt_text_and_each_document(
    site_tree, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    campaign = add_campaign()
    logo = get_image_model().objects.create(
        title="Logo", file=ImageFile(io.BytesIO(image("PNG")), name="logo.png")
    )
    leaflet = get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf")
    )
    CampaignMaterial.objects.create(
        campaign=campaign,
        kind="logo",
        title="Campaign logo",
        image=logo,
        alt_text="A Million Decisions in white on NHS blue",
    )
    CampaignMaterial.objects.create(
        campaign=campaign, kind="other", title="Leaflet", document=leaflet
    )
    html = client.get(campaign.url).content.decode()
    assert 'alt="A Million Decisions in white on NHS blue"' in html
    assert "Download Leaflet (PDF)" in html


def test_linked_case_studies_and_events_show_only_to_those_who_may_read_them(
    site_tree, client, import_lessons
):
    import_lessons(
        lesson(slug="public-story", title="Public case study", kind="case_study"),
        lesson(
            slug="board-story",
            title="Board-only case study",
            kind="case_study",
            visibility="members",
            network="board-leads",
        ),
    )
    campaign = add_campaign()
    for slug in ("public-story", "board-story"):
        linked = LessonPage.objects.get(slug=slug)
        CampaignCaseStudy.objects.create(campaign=campaign, lesson=linked)
    public_event = add_event(NetworkPage.objects.get(slug="south-west-km"), "webinar", "Webinar")
    board_event = add_event(NetworkPage.objects.get(slug="board-leads"), "round", "Board round")
    for event in (public_event, board_event):
        CampaignEvent.objects.create(campaign=campaign, event=event)
    html = client.get("/campaigns/a-million-decisions/").content.decode()
    assert "Public case study" in html and "Webinar" in html
    assert "Board-only case study" not in html and "Board round" not in html


def test_news_has_its_own_page_and_a_feed(site_tree, client):
    campaign = add_campaign()
    add_news(campaign, "launch", "The campaign launches")
    assert "The campaign launches" in client.get(campaign.url).content.decode()
    page = client.get("/campaigns/a-million-decisions/launch/").content.decode()
    assert "The campaign launches: what happened." in page
    assert '"@type": "NewsArticle"' in page
    for suffix in ("", "atom/", "json/"):
        feed = client.get(f"/feeds/campaigns/a-million-decisions/{suffix}")
        assert feed.status_code == 200
        assert "/campaigns/a-million-decisions/launch/" in feed.content.decode()
    assert client.get("/feeds/campaigns/no-such-campaign/").status_code == 404


def test_a_member_follows_a_campaign_and_hears_of_its_news(
    site_tree, client, django_capture_on_commit_callbacks
):
    campaign = add_campaign()
    assert follows.kind("campaign").model is type(campaign)
    member = make_user("reader@example.nhs.uk")
    client.force_login(member)
    assert "Follow this campaign" in client.get(campaign.url).content.decode()
    response = client.post(
        "/members/me/following/follow/",
        {"kind": "campaign", "pk": campaign.pk, "next": campaign.url},
    )
    assert response.status_code == 302
    assert Follow.objects.filter(follower=member).of(campaign).exists()
    NotificationPreference.objects.filter(member=member).update(frequency="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        add_news(campaign, "first-thousand", "A thousand signatures")
    [email] = [m for m in mail.outbox if m.to == [member.email]]
    assert "A thousand signatures" in email.subject + email.body

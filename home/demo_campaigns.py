"""The demo campaign (home/demo/campaigns.json): #AMillionDecisions with its news, materials
kit, quotes, linked case studies and events, and a pledge with confirmed signatures and a
reached milestone. Safe to repeat: a campaign, its news and signatures are found by slug and
email; milestones are set once, so the dates they were reached stay."""

import datetime

from django.utils import timezone

from campaigns.models import (
    CampaignCaseStudy,
    CampaignEvent,
    CampaignIndexPage,
    CampaignNewsPage,
    CampaignPage,
    Milestone,
    Quote,
    Signature,
)
from lessons.models import LessonPage
from network.models import EventPage

FIELDS = ("title", "hashtag", "key_message", "audiences", "ways_to_take_part", "email_signature")


def load_campaigns(data):
    index = CampaignIndexPage.objects.get()
    for campaign_data in data["campaigns"]:
        load_campaign(campaign_data, index)


def load_campaign(data, index):
    campaign = CampaignPage.objects.child_of(index).filter(slug=data["slug"]).first()
    created = campaign is None
    campaign = campaign or CampaignPage(slug=data["slug"])
    for name in FIELDS:
        setattr(campaign, name, data[name])
    campaign.pledge = data["pledge"]
    campaign.closes_on = timezone.localdate() + datetime.timedelta(days=data["closes_in_days"])
    campaign.quotes = [Quote(**quote) for quote in data["quotes"]]
    lessons = LessonPage.objects.filter(slug__in=data["case_studies"])
    campaign.case_studies = [CampaignCaseStudy(lesson=lesson) for lesson in lessons]
    events = EventPage.objects.filter(slug__in=data["events"])
    campaign.events = [CampaignEvent(event=event) for event in events]
    if created:
        campaign.milestones = [Milestone(signatures=number) for number in data["milestones"]]
        index.add_child(instance=campaign)
    campaign.save_revision().publish()
    for news in data["news"]:
        load_news(news, campaign)
    for signature in data["signatures"]:
        load_signature(signature, campaign)


def load_news(data, campaign):
    news = CampaignNewsPage.objects.child_of(campaign).filter(slug=data["slug"]).first()
    created = news is None
    news = news or CampaignNewsPage(slug=data["slug"])
    news.title, news.summary, news.body = data["title"], data["summary"], data["body"]
    news.date = timezone.localdate() - datetime.timedelta(days=data["days_ago"])
    if created:
        campaign.add_child(instance=news)
    news.save_revision().publish()


def load_signature(data, campaign):
    """A confirmed signature, made without the emails a visitor's would send."""
    email = data["name"].lower().replace(" ", ".") + "@example.nhs.uk"
    signature, _ = Signature.objects.get_or_create(
        campaign=campaign,
        email=email,
        defaults={
            "name": data["name"],
            "organisation": data["organisation"],
            "role": data["role"],
            "region": data["region"],
            "listed_publicly": data["listed"],
            "contact_by_lead": data["contact"],
            "wants_updates": data["updates"],
        },
    )
    Signature.confirm(campaign, signature.token)

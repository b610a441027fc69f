"""A campaign's news feed: /feeds/campaigns/<slug>/ and its atom/ and json/ forms. Campaigns
and their news are public pages: the feed lists the live news of a live campaign."""

from campaigns.models import CampaignPage
from core.addresses import absolute_url
from core.feeds import FEED_LENGTH, Entry, EntryFeed, feed_request

CAMPAIGN_FEED = "campaign_feed"


class CampaignNewsFeed(EntryFeed):
    def get_object(self, request, slug):
        return CampaignPage.objects.live().get(slug=slug)

    def title(self, campaign):
        return f"{campaign.title}: news"

    def description(self, campaign):
        return campaign.key_message

    def link(self, campaign):
        return absolute_url(campaign, feed_request())

    def items(self, campaign):
        return [news_entry(news) for news in campaign.news()[:FEED_LENGTH]]


def news_entry(news):
    return Entry(
        title=news.title,
        url=absolute_url(news, feed_request()),
        summary=news.summary,
        published=news.first_published_at,
        updated=news.last_published_at,
        kind="campaign_news",
    )

"""Campaigns may be followed (core/follows.py): a member who follows a campaign hears of its
news. Campaigns and their news are public pages, so anyone may follow any live campaign."""

from campaigns.models import CampaignIndexPage, CampaignNewsPage, CampaignPage
from core.follows import ItemKind, Kind, News


def _index_url(request):
    index = CampaignIndexPage.objects.live().first()
    return index.get_url(request) if index else None


def new_news(reader, campaigns, window):
    """(news, campaign) for each live news page in the window under these campaigns."""
    news = window.filter(CampaignNewsPage.objects.live())
    for item in news:
        for campaign in campaigns:
            if item.path.startswith(campaign.path) and item.depth == campaign.depth + 1:
                yield item, campaign


CAMPAIGNS = Kind(
    name="campaign",
    model=CampaignPage,
    followable=lambda user: CampaignPage.objects.live(),
    may_follow=lambda user, campaign: campaign.live,
    order=35,
    plural="campaigns",
    none_followed="You do not follow any campaigns.",
    browse="Browse campaigns",
    browse_url=_index_url,
    reason=lambda campaign: f"the campaign “{campaign.title}”",
)
CAMPAIGN_NEWS = ItemKind(
    model=CampaignNewsPage,
    noun="campaign update",
    plural="campaign updates",
    template="campaigns/email/followed_news.txt",
    order=40,
)
NEWS_IN_CAMPAIGNS = News(
    kind="campaign",
    model=CampaignNewsPage,
    items=new_news,
    sources=lambda news: [news.get_parent().pk],
)

"""Campaigns, their news and pledges, as the tests need them."""

import datetime

from campaigns.models import CampaignIndexPage, CampaignNewsPage, CampaignPage, Milestone, Signature

PLEDGE = "I pledge that the decisions I make will be informed by the best evidence."


def add_campaign(
    slug="a-million-decisions",
    title="A Million Decisions",
    *,
    pledge=PLEDGE,
    milestones=(),
    closes_on=None,
    live=True,
    **fields,
):
    campaign = CampaignPage(
        title=title,
        slug=slug,
        hashtag="AMillionDecisions",
        key_message="Every decision in the NHS should be informed by evidence and knowledge.",
        pledge=pledge,
        closes_on=closes_on,
        live=live,
        **fields,
    )
    campaign.milestones = [Milestone(signatures=n) for n in milestones]
    CampaignIndexPage.objects.get().add_child(instance=campaign)
    revision = campaign.save_revision()
    if live:
        revision.publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def add_news(campaign, slug="launch", title="The campaign launches", date=None):
    news = CampaignNewsPage(
        title=title,
        slug=slug,
        date=date or datetime.date(2026, 3, 1),
        summary=f"{title}: what happened.",
    )
    campaign.add_child(instance=news)
    news.save_revision().publish()
    return CampaignNewsPage.objects.get(pk=news.pk)


def signer(n=0, **overrides):
    """The fields of the pledge form, filled for signer number n."""
    return {
        "name": f"Signer {n}",
        "organisation": f"Trust {n}",
        "role": "Librarian",
        "region": "south_west",
        "email": f"signer{n}@example.nhs.uk",
        **overrides,
    }


def unconfirmed_signature(campaign, n=0, **overrides):
    """A signature made through the model, as the site makes it, not confirmed."""
    details = signer(n, **overrides)
    signature, _ = Signature.sign(campaign, email=details.pop("email"), **details)
    return signature


def confirmed_signature(campaign, n=0, **overrides):
    """A signature made and confirmed through the model, as the site does it."""
    return Signature.confirm(campaign, unconfirmed_signature(campaign, n, **overrides).token)

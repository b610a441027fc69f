"""What campaign and impact pages show besides pages, for the cache of whole pages
(core/page_cache.py): the case study of the month (on the home page and /impact/), the
nominations and key messages of /impact/, and a pledge's count of signatures."""

from core import page_cache

SHOWCASE = "impact-showcase"  # declared by the home page and /impact/
PLEDGES = "pledges"  # declared by campaign_page.html


def register():
    from campaigns.models import CaseStudyNomination, KeyMessage, MonthlyPick, Signature  # noqa: PLC0415

    for model in (MonthlyPick, CaseStudyNomination, KeyMessage):
        page_cache.register(model, tags=lambda instance: [SHOWCASE])
    page_cache.register(Signature, tags=lambda signature: [PLEDGES])

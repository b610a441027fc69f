"""What search pages show besides pages, for the cache of whole pages (core/page_cache.py):
editors' picks change what a search shows (the thesaurus is core's, registered there); the
lessons facilitators ask for are listed on their network's page."""

from core import page_cache

LESSON_REQUESTS = "lesson-requests"  # declared by the network page's section of them


def register():
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion  # noqa: PLC0415

    from search.models import AnswerProposal, LessonRequest  # noqa: PLC0415

    page_cache.register(SearchPromotion, tags=lambda pick: [page_cache.SEARCH])
    page_cache.register(Query, tags=lambda query: [page_cache.SEARCH])
    page_cache.register(AnswerProposal, tags=lambda proposal: [page_cache.SEARCH])
    page_cache.register(LessonRequest, tags=lambda request: [LESSON_REQUESTS])

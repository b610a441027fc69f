"""What lessons' pages show besides pages, for the cache of whole pages (core/page_cache.py):
applications, their results and useful marks change a lesson's page, its card in every listing
("Applied in 3 places", "Learned") and the home page's "Most applied"; co-authors its byline;
an evidence file its evidence list."""

from core import page_cache

APPLICATIONS = "applications"  # declared by lesson_card.html and includes/applications.html


def register():
    from lessons.models import Application, CoAuthor, EvidenceFile, UsefulMark  # noqa: PLC0415
    from network.cache_dependencies import PEOPLE  # noqa: PLC0415

    page_cache.register(Application, tags=lambda application: [APPLICATIONS])
    page_cache.register(UsefulMark, tags=lambda mark: [APPLICATIONS])
    page_cache.register(CoAuthor, tags=lambda co_author: [PEOPLE])
    page_cache.register(EvidenceFile, tags=lambda file: [page_cache.PAGES])

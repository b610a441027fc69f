"""Frameworks, their outcomes and levels are named on lesson pages and the maturity pages; a
change to them purges the cached pages that declared them (core/page_cache.py)."""

from core import page_cache

MATURITY = "maturity"  # declared by lesson_page.html and the maturity pages


def register():
    from maturity.models import Dimension, Framework, Level  # noqa: PLC0415

    for model in (Framework, Dimension, Level):
        page_cache.register(model, tags=lambda instance: [MATURITY])

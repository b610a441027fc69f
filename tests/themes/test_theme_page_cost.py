"""What a theme's page costs: its queries, pinned, and no DISTINCT over the tag join (a page
tagged with several of the theme's tags is found once by a subquery instead)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_the_theme_page_finds_tagged_pages_without_distinct(huddles_theme, client):
    client.get("/themes/huddles/")  # warm Wagtail's site-root cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/themes/huddles/")
    assert response.status_code == 200
    # (taggit's prefetch of the listed pages' own tags is DISTINCT over those few pages.)
    distinct = [q["sql"] for q in captured if "SELECT DISTINCT" in q["sql"]]
    assert [sql for sql in distinct if "_prefetch_related_val" not in sql] == []
    # The theme page's budget, as measured when the DISTINCT went (each kind of tagged page
    # is still one query: the subquery took the join's place).
    assert len(captured) <= 31

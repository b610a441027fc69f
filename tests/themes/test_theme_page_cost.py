"""What a theme's page costs: its queries, pinned, and no DISTINCT over the tag join (a page
tagged with several of the theme's tags is found once by a subquery instead)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.network import make_member
from tests.builders.themes import SECRET_PICK


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


def test_a_member_s_networks_are_read_once(huddles_theme, client):
    # The picks and the tagged lessons each asked the lesson read rule for the reader's
    # networks (two reads of their memberships); the page now asks once and passes them on.
    client.force_login(make_member("board-leads", "board.member@example.nhs.uk"))
    client.get("/themes/huddles/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/themes/huddles/")
    assert SECRET_PICK in response.content.decode()  # their networks were asked, and found
    networks = 'SELECT "network_membership"."network_id"'
    assert len([q for q in captured if q["sql"].startswith(networks)]) == 1

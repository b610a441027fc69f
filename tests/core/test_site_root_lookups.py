"""Where a page's address comes from: the request's own copy of Wagtail's site roots, read
from the shared cache (the database's, in most deployments) once, not once for every link."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.builders.lessons import lesson


@pytest.mark.parametrize(
    "url", ["/feeds/lessons/", "/search/?q=huddles", "/lessons/discharge-huddles/"]
)
def test_one_cache_read_for_page_addresses(import_lessons, client, url):
    import_lessons(
        lesson(),
        *[lesson(slug=f"huddles-{n}", title=f"Huddles {n}") for n in range(5)],
    )
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    reads = [q["sql"] for q in captured if "wagtail_site_root_paths" in q["sql"]]
    assert len(reads) <= 1, reads

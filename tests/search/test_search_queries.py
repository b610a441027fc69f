"""The queries of /search/ are pinned: with and without words, with facets chosen, and a later
page, which searches no other results (they show beside the first page only)."""

import pytest

from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import plain
from tests.builders.network import add_event, make_profile

LESSONS = 25  # more than a page


@pytest.fixture
def many(import_lessons, site_tree):
    import_lessons(
        *[
            plain(
                slug=f"huddle-{n}",
                title=f"Evidence huddles {n}",
                themes=["huddles"],
                maturity=[{"dimension": "qiof-2", "level": n % 3}],
            )
            for n in range(LESSONS)
        ]
    )
    add_event(NetworkPage.objects.get(slug="south-west-km"), "huddle-day", "Huddles day")
    make_profile(make_user("nurse@example.nhs.uk"), display_name="Huddles Nurse")


def queries_of(client, url, django_assert_max_num_queries, budget):
    # The thesaurus's freshness check (one small query every two seconds per process) may
    # fall in any request: it is in each budget.
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # 10 (16 before facets were counted in one query: 5 queries, now 1; 12 before the
        # facets' known values, the outcomes and the networks, were read once, not twice).
        ("/search/", 11),
        # 26: the match, facets in one query, editors' picks, the search counted, and other
        # results (networks, events, resources, research summaries and people, each matched).
        ("/search/?q=evidence+huddles", 27),
        ("/search/?q=evidence+huddles&theme=huddles&level=1&dimension=qiof-2", 27),
        # 13: a later page searches no other results (34 before).
        ("/search/?q=evidence+huddles&page=2", 14),
    ],
)
def test_search_queries_are_pinned(many, client, url, budget, django_assert_max_num_queries):
    client.get("/search/?q=warm")  # the site's and the thesaurus's first reads
    queries_of(client, url, django_assert_max_num_queries, budget)


def test_other_results_beside_the_first_page_only(many, client):
    first = client.get("/search/?q=huddles").content.decode()
    assert "Huddles day" in first and "Huddles Nurse" in first
    second = client.get("/search/?q=huddles&page=2").content.decode()
    assert "/lessons/huddle-" in second
    assert "Huddles day" not in second and "Huddles Nurse" not in second

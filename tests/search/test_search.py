"""Lesson search over one small library: every filter and facet, privacy on every path, the
query cap. (Searches that need lessons of their own are in test_search_own_lessons.py.)"""

import json

import pytest

from tests.builders.accounts import make_user
from tests.builders.network import make_profile
from tests.builders.search import api, slugs

PRIVATE_SLUGS = {"secret-board", "draft-huddles"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"huddle-briefings", "community-cafe", "board-evidence"}),
        ("q=huddles", {"huddle-briefings"}),
        ("q=board+evidence", {"board-evidence", "huddle-briefings"}),  # any word; see ranking
        ("dimension=qiof-2", {"huddle-briefings", "community-cafe", "board-evidence"}),
        ("dimension=kmsa-leadership", {"board-evidence"}),
        ("level=1", {"community-cafe"}),
        ("level=1&level=3", {"community-cafe", "board-evidence"}),
        ("dimension=qiof-2&level=2", {"huddle-briefings"}),
        ("dimension=kmsa-leadership&level=2", set()),
        ("theme=huddles", {"huddle-briefings"}),
        ("theme=HUDDLES", {"huddle-briefings"}),
        ("theme=huddles&theme=board+engagement", {"huddle-briefings", "board-evidence"}),
        ("kind=case_study", {"community-cafe"}),
        ("kind=case_study&kind=retrospect", {"community-cafe", "board-evidence"}),
        ("organisation_type=acute_trust", {"huddle-briefings", "board-evidence"}),
        ("network=south-west-km", {"huddle-briefings", "community-cafe", "board-evidence"}),
        ("network=board-leads", set()),
        ("organisation_type=acute_trust&kind=lesson", {"huddle-briefings"}),
    ],
)
def test_every_filter_alone_and_combined(library, client, query, expected):
    assert slugs(api(client, query)) == expected


def test_facet_counts_describe_the_results(library, client):
    body = api(client, "organisation_type=acute_trust")
    assert body["count"] == 2
    facets = body["facets"]
    assert facets["organisation_type"] == {"acute_trust": 2}
    assert facets["kind"] == {"lesson": 1, "retrospect": 1}
    assert facets["dimension"] == {"qiof-2": 2, "kmsa-leadership": 1}
    assert facets["level"] == {"2": 1, "3": 1}
    assert facets["theme"] == {"board engagement": 1, "evidence summaries": 1, "huddles": 1}


@pytest.mark.parametrize("who", ["anonymous", "signed-in", "member-of-other-network"])
def test_outsiders_find_nothing_private_on_any_search_path(library, client, member_of, who):
    if who == "signed-in":
        client.force_login(make_user("someone@example.nhs.uk"))
    elif who == "member-of-other-network":
        client.force_login(member_of("south-west-km"))
    for query in [
        "",
        "q=secret",
        "q=draft",
        "q=board",
        "theme=hidden+theme",
        "theme=draft+theme",
        "network=board-leads",
        "dimension=qiof-4",
    ]:
        body = api(client, query)
        assert not slugs(body) & PRIVATE_SLUGS, query
        text = json.dumps(body["facets"])
        assert "hidden theme" not in text and "draft theme" not in text, query
        assert "mental_health_trust" not in text and "ambulance_trust" not in text, query
        assert "after_action_review" not in text and "qiof-4" not in text, query
    for url in [
        "/search/?q=secret",
        "/search/?q=board",
        "/search/?theme=hidden+theme",
        "/search/suggest/?q=secret",
        "/search/suggest/?q=draft",
        "/api/lessons/similar/?organisation_type=mental_health_trust",
        "/api/lessons/similar/?q=board",
        "/search/similar/?q=secret",
    ]:
        body = client.get(url).content.decode()
        assert "Secret board" not in body and "secret-board" not in body, url
        assert "Draft huddle" not in body and "draft-huddles" not in body, url


def test_members_find_their_networks_lessons_and_count_them(library, client, member_of):
    client.force_login(member_of("board-leads"))
    body = api(client, "q=secret")
    assert slugs(body) == {"secret-board"}
    assert body["facets"]["theme"]["hidden theme"] == 1
    assert api(client, "theme=board+engagement")["count"] == 2
    suggestions = client.get("/search/suggest/?q=secret").json()["suggestions"]
    assert suggestions == ["Secret board evidence checks"]
    assert "draft-huddles" not in slugs(api(client, "q=draft"))


def test_hidden_profiles_never_appear_in_search(library, client):
    make_profile(
        make_user("open@example.nhs.uk"),
        "everyone",
        display_name="Olive Open",
        job_role="Huddle facilitator",
    )
    make_profile(
        make_user("shut@example.nhs.uk"),
        "private",
        display_name="Sid Shut",
        job_role="Huddle facilitator",
    )
    make_profile(
        make_user("mem@example.nhs.uk"),
        "members",
        display_name="Meg Members",
        job_role="Huddle facilitator",
    )
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = client.get("/search/?q=facilitator").content.decode()
    assert "Olive Open" in html and "Sid Shut" not in html and "Meg Members" not in html
    client.force_login(make_user("reader@example.nhs.uk"))
    html = client.get("/search/?q=facilitator").content.decode()
    assert "Meg Members" in html and "Sid Shut" not in html


def test_a_very_long_query_is_shortened_not_an_error(library, client):
    long_query = "huddles " + "x" * 10_000
    response = client.get("/search/", {"q": long_query})
    assert response.status_code == 200
    assert "Your search was long" in response.content.decode()
    body = client.get("/api/lessons/search/", {"q": "huddles " * 2000}).json()
    assert "notice" in body and slugs(body) == {"huddle-briefings"}


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("dimension=qiof-99", "dimension"),
        ("level=five", "level"),
        ("level=5", "level"),
        ("kind=story", "kind"),
        ("organisation_type=hospital", "organisation_type"),
        ("network=nowhere", "network"),
        ("sort=random", "sort"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=%C2%B2", "page"),  # "²": isdigit() accepts it, int() does not
        ("page=%D9%A3", "page"),  # "٣": int() reads it as 3, which no one typed
        ("level=%C2%B2", "level"),
        ("q=huddles%00", "q"),
        ("theme=%00", "theme"),
    ],
)
def test_bad_search_parameters_get_400_with_field_errors(library, client, query, param):
    response = client.get(f"/api/lessons/search/?{query}")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [param] and all(isinstance(m, str) for m in errors[param])


def test_the_search_page_shows_facets_chips_and_an_empty_state(library, client):
    html = client.get("/search/?q=evidence&dimension=qiof-2").content.decode()
    assert "Maturity outcome: QIOF Outcome 2" in html  # a removable chip
    assert 'href="?q=evidence"' in html  # removing the chip goes back to the plain search
    assert "Narrow your results" in html and "Level 3" in html
    empty = client.get("/search/?q=hudles").content.decode()
    assert "No lessons match" in empty and "Did you mean" in empty and "huddles" in empty
    assert client.get("/search/?dimension=qiof-99").status_code == 200


def test_facet_chip_and_sort_links_keep_the_rest_of_the_search_and_go_back_to_page_one(
    library, client
):
    html = client.get(
        "/search/?q=evidence&page=1&sort=date&theme=huddles&theme=board+engagement"
    ).content.decode()
    # Removing one of two chosen themes keeps the other, the words and the order.
    assert 'href="?q=evidence&amp;sort=date&amp;theme=board+engagement"' in html
    assert 'href="?q=evidence&amp;sort=date&amp;theme=huddles"' in html
    # Adding a value puts it after the chosen ones.
    added = "?q=evidence&amp;sort=date&amp;theme=huddles&amp;theme=board+engagement&amp;level=2"
    assert f'href="{added}"' in html
    # Another order replaces this one in place.
    reordered = "?q=evidence&amp;sort=applied&amp;theme=huddles&amp;theme=board+engagement"
    assert f'href="{reordered}"' in html
    assert "page=" not in html  # every link starts again from the first page


def test_search_query_count_is_fixed(library, client, django_assert_max_num_queries):
    client.get("/api/lessons/search/?q=evidence")
    # 13 for the search; 12 for the "api" rate limit's count on the database cache that tests
    # use (none when the cache is Redis).
    with django_assert_max_num_queries(25):
        client.get("/api/lessons/search/?q=evidence&theme=huddles&level=2")


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("team_size", "0", "People in your team must be a whole number from 1 to"),
        ("limit", "0", "The limit must be a whole number from 1 to 50"),
        ("limit", "51", "The limit must be a whole number from 1 to 50"),
        ("years_experience", "-1", "Years of experience in the team must be a whole number from 0"),
    ],
)
def test_similar_context_numbers_are_refused_in_the_sites_words(db, client, param, value, message):
    html = client.get("/search/similar/", {param: value}).content.decode()
    assert message in html
    assert "Ensure this value" not in html

"""The Elasticsearch path, tested without a server here: (a) the backend's own mapping and query
compilation, (b) a closed port for the fault path, (c) a real server when ELASTICSEARCH_URL is
set (see the README); those tests are skipped otherwise."""

import json
import os
import socket

from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch9 import SearchBackend

import pytest

from lessons.models import LessonPage
from search.lessons import parse, search
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def elasticsearch_settings(url):
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [url],
            "INDEX": "knowledge-network-test",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }


@pytest.fixture
def backend():
    return SearchBackend({"URLS": [f"http://127.0.0.1:{closed_port()}"], "INDEX": "test"})


def test_the_mapping_holds_every_field_facets_and_filters_use(backend):
    mapping = backend.mapping_class(LessonPage)
    properties = mapping.get_mapping()["properties"]
    for name in ["kind", "visibility", "network", "organisation_type", "region", "date", "live"]:
        column = mapping.get_field_column_name(
            next(f for f in LessonPage.get_filterable_search_fields() if f.field_name == name)
        )
        assert column in properties, name
    searchable = {
        mapping.get_field_column_name(f) for f in LessonPage.get_searchable_search_fields()
    }
    assert searchable & set(properties)
    assert "summary" in {f.field_name for f in LessonPage.get_searchable_search_fields()}


def test_the_compiled_query_carries_the_privacy_filters(backend, import_lessons, member_of):
    import_lessons(lesson())
    user = member_of("board-leads")
    queryset = LessonPage.objects.readable_by(user).filter(kind="case_study")
    compiled = backend.query_compiler_class(queryset, PlainText("huddles")).get_query()
    text = json.dumps(compiled)  # as the client sends it
    assert '{"term": {"live_filter": true}}' in text
    assert '"lessons_lessonpage__visibility_filter": "public"' in text
    assert '"lessons_lessonpage__visibility_filter": "members"' in text
    network = user.memberships.get().network_id
    assert f'"lessons_lessonpage__network_id_filter": [{network}]' in text
    assert '"lessons_lessonpage__kind_filter": "case_study"' in text


def test_search_falls_back_to_the_database_when_elasticsearch_is_down(
    import_lessons, client, settings, caplog
):
    settings.WAGTAILSEARCH_BACKENDS = elasticsearch_settings(f"http://127.0.0.1:{closed_port()}")
    # Publishing still works: the index update to Elasticsearch fails and is logged.
    import_lessons(lesson())
    assert LessonPage.objects.get().live
    response = client.get("/api/lessons/search/?q=huddles")
    assert response.status_code == 200
    body = response.json()
    assert [r["slug"] for r in body["results"]] == ["discharge-huddles"]
    assert "simpler mode" in body["notice"]
    response = client.get("/search/?q=huddles")
    assert [page.title for page in response.context["result"].page] == ["Daily discharge huddles"]
    assert "simpler mode" in response.content.decode()


real_server = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to a real server"
)


@real_server
@pytest.mark.elasticsearch
def test_the_same_search_on_a_real_server(import_lessons, settings, member_of):
    settings.WAGTAILSEARCH_BACKENDS = elasticsearch_settings(os.environ["ELASTICSEARCH_URL"])
    backend = get_search_backend()
    backend.reset_index()
    import_lessons(
        lesson(),
        lesson(slug="secret", title="Secret huddles", visibility="members", network="board-leads"),
    )
    backend.refresh_index()
    from django.http import QueryDict

    anonymous = search(make_user("a@example.nhs.uk"), parse(QueryDict("q=huddles")))
    assert [p.slug for p in anonymous.page.object_list] == ["discharge-huddles"]
    member = search(member_of("board-leads"), parse(QueryDict("q=huddles")))
    assert {p.slug for p in member.page.object_list} == {"discharge-huddles", "secret"}
    assert member.facets["kind"] == {"lesson": 2}

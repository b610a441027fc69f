"""The OpenAPI document describes what the API really answers: real responses, good and bad,
validated against it; the interactive docs come from our own static files."""

import re
from urllib.parse import parse_qsl, urlsplit

from django.contrib.staticfiles import finders
from django.urls import resolve

import pytest
from jsonschema import Draft202012Validator

REQUESTS = [
    ("/api/lessons/search/?q=huddles&theme=huddles&theme=patient+flow", 200),
    ("/api/lessons/search/?kind=lesson&kind=case_study&level=2&page=1", 200),
    ("/api/lessons/search/?q=" + "huddles+" * 2000, 200),  # with its notice
    ("/api/lessons/search/?level=five&dimension=qiof-99", 400),
    ("/api/lessons/similar/?organisation_type=acute_trust&limit=2", 200),
    ("/api/lessons/similar/?limit=51", 400),
    ("/api/lessons/discharge-huddles/", 200),
    ("/api/lessons/board-secrets/", 404),
    ("/api/networks/", 200),
    ("/api/themes/", 200),
    ("/api/events/?page=1", 200),
    ("/api/events/?page=0", 400),
]


@pytest.fixture
def openapi(client, library):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operation(document, path):
    """The operation of the document's path template that matches this path."""
    for template, item in document["paths"].items():
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
        if re.fullmatch(pattern, path):
            return item["get"]
    raise AssertionError(f"{path} is not in the OpenAPI document")


@pytest.mark.parametrize(("url", "status"), REQUESTS, ids=[u[:60] for u, _ in REQUESTS])
def test_real_responses_match_the_openapi_document(client, openapi, url, status):
    response = client.get(url)
    assert response.status_code == status
    parts = urlsplit(url)
    operation = _operation(openapi, parts.path)
    declared = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert {name for name, _ in parse_qsl(parts.query)} <= declared
    described = operation["responses"][str(status)]
    schema = described["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": openapi["components"]})
    assert list(validator.iter_errors(response.json())) == []


def test_the_document_names_every_operation_and_its_errors(openapi):
    assert openapi["openapi"].startswith("3.1")
    assert set(openapi["paths"]) == {
        "/api/lessons/search/",
        "/api/lessons/similar/",
        "/api/lessons/{slug}/",
        "/api/networks/",
        "/api/themes/",
        "/api/events/",
        "/api/questions/",
        "/api/questions/{question_id}/",
    }
    for item in openapi["paths"].values():
        responses = item["get"]["responses"]
        assert "422" not in responses  # bad input is a 400 with the errors by parameter
        assert "200" in responses
    search = openapi["paths"]["/api/lessons/search/"]["get"]["parameters"]
    theme = next(p for p in search if p["name"] == "theme")
    assert theme["schema"]["type"] == "array"  # every filter may repeat


def test_the_interactive_docs_load_only_our_own_static_files(db, client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    for source in sources:  # shipped by django-ninja, found (and collected) as ours
        assert finders.find(source.removeprefix("/static/")), source
    assert '"url": "/api/openapi.json"' in html
    assert client.get("/api/").status_code == 404  # django-ninja's root, for its reverse()
    assert resolve("/api/docs/").func.answers_json

"""Asking the lesson search API."""


def api(client, query=""):
    """The search API's answer to the query string, which must be 200."""
    response = client.get(f"/api/lessons/search/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def slugs(body):
    return {item["slug"] for item in body["results"]}


def order(body):
    return [item["slug"] for item in body["results"]]

"""Networks, themes and events in the API, each within its read rule."""

from tests.builders.accounts import make_user


def test_every_live_network_is_listed_with_its_visibility(library, client, settings):
    body = client.get("/api/networks/").json()
    assert [(n["slug"], n["visibility"]) for n in body] == [
        ("board-leads", "members"),
        ("south-west-km", "public"),
    ]
    assert body[1]["url"] == f"{settings.SITE_URL}/networks/south-west-km/"


def test_live_themes_only(library, client):
    assert [theme["slug"] for theme in client.get("/api/themes/").json()] == ["huddles"]


def test_events_of_networks_that_share_them_with_the_caller(library, client, member_of):
    anonymous = client.get("/api/events/").json()
    assert anonymous["count"] == 1
    assert [(e["slug"], e["network"]) for e in anonymous["results"]] == [
        ("spring-webinar", "south-west-km")
    ]
    client.force_login(make_user("reader@example.nhs.uk"))
    assert client.get("/api/events/").json()["count"] == 1
    client.force_login(member_of("board-leads", "lead@example.nhs.uk"))
    member = client.get("/api/events/").json()
    assert [e["slug"] for e in member["results"]] == ["board-roundtable", "spring-webinar"]
    assert client.get("/api/events/?page=2").json() == {"count": 2, "results": []}


def test_a_bad_page_is_a_400_naming_it(library, client):
    response = client.get("/api/events/?page=0")
    assert response.status_code == 400
    assert response.json() == {"errors": {"page": ["The page must be a whole number from 1."]}}

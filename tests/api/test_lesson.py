"""GET /api/lessons/<slug>/: one lesson as lessons/v1, for whoever may read it, with an ETag."""

from lessons.exchange.format import VALIDATOR
from lessons.models import LessonPage
from tests.builders.accounts import make_user

URL = "/api/lessons/discharge-huddles/"


def test_anyone_reads_a_public_lesson_as_a_lessons_v1_document(library, client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert list(VALIDATOR.iter_errors(document)) == []
    assert document["format"] == "lessons/v1"
    assert [n["slug"] for n in document["networks"]] == ["south-west-km"]
    [found] = document["lessons"]
    assert found["title"] == "Daily discharge huddles"
    assert found["context"]["team"][0] == {
        "role": "Ward sister",
        "years_experience": 18,
        "specialisms": ["infection prevention and control"],
        "training": ["measurement for improvement"],
    }
    # Links to lessons the caller may not read are left out.
    assert found["related"] == [{"slug": "ward-rounds", "relation": "builds_on"}]


def test_members_only_and_draft_lessons_are_not_found_by_those_who_may_not_read_them(
    library, client, member_of
):
    for slug in ("board-secrets", "draft-huddles", "no-such-lesson"):
        response = client.get(f"/api/lessons/{slug}/")
        assert response.status_code == 404, slug
        assert response.json() == {
            "errors": {"slug": [f"There is no lesson “{slug}” that you may read."]}
        }
    client.force_login(member_of("south-west-km", "outsider@example.nhs.uk"))
    assert client.get("/api/lessons/board-secrets/").status_code == 404
    client.force_login(member_of("board-leads", "lead@example.nhs.uk"))
    assert client.get("/api/lessons/draft-huddles/").status_code == 404
    response = client.get("/api/lessons/board-secrets/")
    assert response.status_code == 200
    assert response.json()["networks"][0]["slug"] == "board-leads"
    assert "private" in response["Cache-Control"]
    linked = client.get(URL).json()["lessons"][0]["related"]
    assert {link["slug"] for link in linked} == {"board-secrets", "ward-rounds"}


def test_the_etag_answers_not_modified_until_the_lesson_changes(library, client):
    first = client.get(URL)
    etag = first["ETag"]
    assert etag.startswith('"') and "Cookie" in first["Vary"]
    assert "no-cache" in first["Cache-Control"] and "private" not in first["Cache-Control"]
    again = client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    page = LessonPage.objects.get(slug="discharge-huddles")
    page.title = "Daily discharge huddles at nine"
    page.save_revision().publish()
    changed = client.get(URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["lessons"][0]["title"] == "Daily discharge huddles at nine"


def test_the_etag_differs_for_a_reader_who_sees_more(library, client, member_of):
    anonymous = client.get(URL)["ETag"]
    client.force_login(member_of("board-leads", "lead@example.nhs.uk"))
    member = client.get(URL, headers={"If-None-Match": anonymous})
    assert member.status_code == 200 and member["ETag"] != anonymous


def test_callers_are_held_by_the_shared_rate_limit_each_member_counted_alone(
    library, client, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "2/h/member"}
    answers = [client.get(URL) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) >= 1
    body = answers[2].json()
    assert body["retry_after"] == int(answers[2]["Retry-After"])
    assert body["message"].startswith("Too many requests. Try again in ")
    client.force_login(make_user("reader@example.nhs.uk"))  # the same address, a count of its own
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 429]


def test_a_nul_in_the_address_is_refused_in_json_naming_the_slug(library, client):
    response = client.get("/api/lessons/huddles%00/")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"slug": ["The address holds a character that is not allowed."]}
    }

"""Reuse feeds ranking: search sorted by most applied, the "worked for a team like yours"
reason in similar-context ranking, and the home page's most applied lessons."""

import datetime
import re

from lessons.models import Application, LessonPage
from tests.builders.lessons import applied
from tests.builders.pages import text_of
from tests.builders.search import api, order

# Most applied first


def test_most_applied_first_then_newest(library, client):
    applied("community-cafe", 2)
    applied("board-evidence", 1)
    applied("secret-board", 5)  # members-only: never counted for outsiders
    LessonPage.objects.filter(slug="huddle-briefings").update(date=datetime.date(2026, 1, 1))
    assert order(api(client, "sort=applied")) == [
        "community-cafe",
        "board-evidence",
        "huddle-briefings",
    ]
    # Ties are broken by date: with no applications anywhere, most applied is newest first.
    Application.objects.all().delete()
    assert order(api(client, "sort=applied")) == order(api(client))


def test_the_api_says_how_often_a_lesson_was_applied_and_whether_it_is_learned(library, client):
    applied("community-cafe", 2, result="worked")
    applied("board-evidence", 1, result="too_early")
    results = {item["slug"]: item for item in api(client, "sort=applied")["results"]}
    assert (results["community-cafe"]["applied"], results["community-cafe"]["learned"]) == (2, True)
    assert (results["board-evidence"]["applied"], results["board-evidence"]["learned"]) == (
        1,
        False,
    )
    assert (results["huddle-briefings"]["applied"], results["huddle-briefings"]["learned"]) == (
        0,
        False,
    )


def test_the_search_page_sorts_by_most_applied(library, client):
    applied("board-evidence", 3, result="partly")
    text = text_of(client.get("/search/"))
    assert "Sort by: date · most applied" in text
    html = client.get("/search/?sort=applied").content.decode()
    assert "<strong>most applied</strong>" in html
    cards = re.findall(r'class="nhsuk-card__link" href="/lessons/([\w-]+)/"', html)
    assert cards[0] == "board-evidence"
    assert "Applied in 3 places" in text_of(client.get("/search/?sort=applied"))
    assert ">Learned</strong>" in client.get("/search/?sort=applied").content.decode()
    words = text_of(client.get("/search/?q=evidence&sort=applied"))
    assert "Sort by: relevance · date · most applied" in words


def test_an_unknown_sort_names_the_choices(library, client):
    response = client.get("/api/lessons/search/?sort=popular")
    assert response.status_code == 400
    assert response.json() == {"errors": {"sort": ["Sort by “relevance”, “date” or “applied”."]}}


# Worked for a team like yours


def test_the_reason_on_a_lesson_page_speaks_of_the_lesson_not_the_reader(library, client):
    applied("board-evidence", result="worked", organisation_type="acute_trust")
    html = client.get("/lessons/huddle-briefings/").content.decode()
    section = html.split("Lessons from similar contexts")[1]
    assert "worked when an acute trust team applied it" in section.lower()
    assert "like yours" not in section


# The home page


def test_the_home_page_lists_the_most_applied_readable_lessons(library, client, member_of):
    applied("huddle-briefings", 1)
    applied("board-evidence", 2)
    applied("secret-board", 5)
    applied("draft-huddles", 9)
    html = client.get("/").content.decode()
    section = html.split('id="most-applied"')[1].split("<h2")[0]
    listed = re.findall(r'href="/lessons/([\w-]+)/"', section)
    assert listed == ["board-evidence", "huddle-briefings"]
    assert "Applied in 2 places" in section

    client.force_login(member_of("board-leads", email="board@example.nhs.uk"))
    section = client.get("/").content.decode().split('id="most-applied"')[1].split("<h2")[0]
    listed = re.findall(r'href="/lessons/([\w-]+)/"', section)
    assert listed == ["secret-board", "board-evidence", "huddle-briefings"]

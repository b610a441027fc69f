"""Lesson search where a test needs lessons of its own: word forms, sorting and paging, and the
events of a members-only network. (The shared library's searches are in test_search.py.)"""

from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.search import api, slugs


def test_plurals_and_word_forms_match(import_lessons, client):
    import_lessons(
        lesson(
            slug="briefs",
            title="Weekly evidence briefings",
            summary="Short notes for teams.",
            themes=[],
        )
    )
    for word in ["briefing", "briefings", "Briefing"]:
        assert slugs(api(client, f"q={word}")) == {"briefs"}, word
    assert slugs(api(client, "q=note")) == {"briefs"}


def test_sort_by_date_and_pages_of_twenty(import_lessons, client):
    import_lessons(
        *[
            lesson(slug=f"lesson-{n:02}", title=f"Huddle lesson {n:02}", date=f"2024-01-{n + 1:02}")
            for n in range(25)
        ]
    )
    first = api(client, "q=huddle&sort=date")
    assert first["count"] == 25 and len(first["results"]) == 20
    assert first["results"][0]["slug"] == "lesson-24"
    second = api(client, "q=huddle&sort=date&page=2")
    assert [r["slug"] for r in second["results"]] == [f"lesson-{n:02}" for n in range(4, -1, -1)]
    assert api(client, "q=huddle&page=9")["results"] == []


def test_a_members_only_networks_events_are_found_only_by_its_members(
    import_lessons, client, member_of
):
    import datetime

    from network.models import EventPage, NetworkPage

    import_lessons(lesson())
    for slug in ("south-west-km", "board-leads"):
        start = datetime.datetime(2027, 1, 20, 13, tzinfo=datetime.UTC)
        event = EventPage(
            title=f"Webinar for {slug}",
            slug="webinar",
            start=start,
            end=start + datetime.timedelta(hours=1),
            description="A webinar.",
        )
        NetworkPage.objects.get(slug=slug).add_child(instance=event)
        event.save_revision().publish()
    html = client.get("/search/?q=webinar").content.decode()
    assert "Webinar for south-west-km" in html and "Webinar for board-leads" not in html
    client.force_login(make_user("outsider@example.nhs.uk"))
    assert "Webinar for board-leads" not in client.get("/search/?q=webinar").content.decode()
    client.force_login(member_of("board-leads"))
    html = client.get("/search/?q=webinar").content.decode()
    assert "Webinar for board-leads" in html and "Webinar for south-west-km" in html

"""The home page: the newest lessons this reader may read, and the way into each section."""

import re

import pytest

from tests.builders.lessons import lesson
from tests.builders.pages import text_of


@pytest.fixture(scope="module")
def lessons(module_lessons):
    module_lessons(
        *[
            lesson(slug=f"lesson-{n}", title=f"Lesson number {n}", date=f"2025-0{n + 1}-01")
            for n in range(8)
        ],
        lesson(
            slug="secret",
            title="A members-only lesson",
            visibility="members",
            network="board-leads",
            date="2026-01-01",
        ),
        lesson(slug="draft", title="A draft lesson", status="draft", date="2026-02-01"),
    )


def test_it_shows_the_six_newest_lessons_the_reader_may_read(lessons, client):
    text = text_of(client.get("/"))
    shown = re.findall(r"Lesson number (\d)", text)
    assert shown == ["7", "6", "5", "4", "3", "2"]
    assert "A members-only lesson" not in text and "A draft lesson" not in text


def test_members_see_their_networks_lessons_among_the_newest(lessons, client, member_of):
    client.force_login(member_of("board-leads"))
    assert "A members-only lesson" in text_of(client.get("/"))


def test_each_section_is_linked_from_the_page_tree(lessons, client):
    html = client.get("/").content.decode()
    cards = re.findall(r'<a class="nhsuk-card__link" href="([^"]+)">', html)
    assert cards[:3] == ["/lessons/", "/networks/", "/maturity/"]


def test_its_cost_does_not_grow_with_the_lessons_it_shows(
    lessons, client, django_assert_max_num_queries
):
    client.get("/")  # warm Wagtail's site-root cache
    # 20 before the header's links came from the page tree (one query for the index pages).
    with django_assert_max_num_queries(21):
        assert client.get("/").status_code == 200

"""A lesson page's JSON-LD (lessons/models/linked_data.py): its themes and outcomes as what it
is about, aligned to the maturity levels, where it happened, and the lessons it builds on,
only those anyone may read; a hidden lesson gives none."""

import json
from html.parser import HTMLParser

import pytest

from lessons.models import LessonPage
from tests.builders.lessons import context, lesson

SITE = "https://knowledge.example.nhs.uk"


class JsonLd(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found, self._inside = [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._inside:
            self.found.append(json.loads(data))
            self._inside = False


def json_ld(client, path):
    response = client.get(path)
    assert response.status_code == 200
    found = JsonLd(response.content.decode()).found
    assert len(found) <= 1
    return found[0] if found else None


@pytest.fixture(scope="module")
def lessons(module_lessons):
    module_lessons(
        lesson(slug="earlier-huddles", title="Earlier huddles"),
        lesson(
            slug="board-secret", title="Board secret", network="board-leads", visibility="members"
        ),
        lesson(slug="draft-huddles", title="Draft huddles", status="draft"),
        lesson(
            context=context(region="london", setting="inpatient wards"),
            maturity=[
                {"dimension": "qiof-2", "level": 2},
                {"dimension": "kmsa-leadership", "level": 3},
            ],
            related=[
                {"slug": "earlier-huddles", "relation": "builds_on"},
                {"slug": "board-secret", "relation": "builds_on"},
                {"slug": "draft-huddles", "relation": "builds_on"},
            ],
        ),
    )


def test_a_lesson_is_about_its_themes_and_outcomes_aligned_to_their_levels(
    lessons, client, settings
):
    settings.SITE_URL = SITE
    data = json_ld(client, "/lessons/discharge-huddles/")
    names = [(about["@type"], about["name"]) for about in data["about"]]
    assert ("Thing", "huddles") in names and ("Thing", "patient flow") in names
    assert [n for t, n in names if t == "DefinedTerm"][0].startswith("QIOF Outcome 2 · level 2")
    [qiof, kmsa] = data["educationalAlignment"]
    assert qiof["@type"] == "AlignmentObject" and qiof["alignmentType"] == "educationalLevel"
    assert qiof["targetUrl"] == f"{SITE}/maturity/outcome/qiof-2/#level-2"
    assert qiof["educationalFramework"].startswith("LKS Quality and Improvement")
    assert kmsa["targetName"].startswith("KMSA Leadership · level 3")
    assert data["contentLocation"] == {
        "@type": "Place",
        "name": "London",
        "description": "inpatient wards",
    }
    published = LessonPage.objects.get(slug="discharge-huddles").first_published_at
    assert data["datePublished"] == published.date().isoformat()


def test_it_is_based_on_the_lessons_anyone_may_read_only(lessons, client, settings):
    settings.SITE_URL = SITE
    data = json_ld(client, "/lessons/discharge-huddles/")
    assert data["isBasedOn"] == [
        {"@type": "Article", "name": "Earlier huddles", "url": f"{SITE}/lessons/earlier-huddles/"}
    ]
    text = json.dumps(data)
    assert "Board secret" not in text and "Draft huddles" not in text
    assert "Ward sister" not in text  # a team member's role is not what the page is about


def test_a_members_only_lesson_gives_no_json_ld_even_to_a_member(lessons, client, member_of):
    client.force_login(member_of("board-leads", "lead@example.nhs.uk"))
    assert json_ld(client, "/lessons/board-secret/") is None

"""Fragments of signed-in pages shared between readers ({% shared_fragment %}): a lesson page's
"Lessons from similar contexts" is kept once for every reader the read rule answers alike
(lessons.models.querysets.reader_key), never across readers it answers differently, and is
purged with what it shows."""

from django.template import Context, Template
from django.test import Client, RequestFactory

import pytest

from lessons.models import LessonPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_member

pytestmark = pytest.mark.django_db
SIMILAR_SECRET = 'href="/lessons/board-secret/"'


@pytest.fixture(autouse=True)
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def lessons(import_lessons):
    import_lessons(
        lesson(),
        lesson(
            slug="board-secret", title="Board secret", visibility="members", network="board-leads"
        ),
    )
    return LessonPage.objects.get(slug="discharge-huddles").url


def reader(email, *networks):
    user = make_user(email)
    for slug in networks:
        make_member(slug, email)
    client = Client()
    client.force_login(user)
    return client


def similar_part(client, url):
    html = client.get(url).content.decode()
    return html.split('id="similar"', 1)[-1].split("</ul>", 1)[0] if 'id="similar"' in html else ""


def test_readers_the_rule_answers_differently_never_share_the_fragment(lessons):
    board = reader("board@example.nhs.uk", "board-leads")
    outsider = reader("outsider@example.nhs.uk")
    assert SIMILAR_SECRET in similar_part(board, lessons)
    assert SIMILAR_SECRET not in similar_part(outsider, lessons)
    assert SIMILAR_SECRET not in similar_part(Client(), lessons)
    assert SIMILAR_SECRET in similar_part(board, lessons)


def test_readers_the_rule_answers_alike_share_one_kept_fragment(lessons):
    first = reader("first@example.nhs.uk", "board-leads")
    second = reader("second@example.nhs.uk", "board-leads")
    assert "Board secret" in similar_part(first, lessons)
    # Renamed without a signal, so nothing is purged: only a kept copy still says the old name.
    LessonPage.objects.filter(slug="board-secret").update(title="Renamed quietly")
    assert "Board secret" in similar_part(second, lessons)
    assert "Renamed quietly" in similar_part(
        reader("third@example.nhs.uk", "board-leads", "south-west-km"), lessons
    )


def test_a_lesson_published_since_appears_in_the_kept_fragment(lessons, import_lessons):
    outsider = reader("outsider@example.nhs.uk")
    assert "/lessons/ward-huddles/" not in similar_part(outsider, lessons)
    import_lessons(lesson(slug="ward-huddles", title="Ward huddles"))
    assert "/lessons/ward-huddles/" in similar_part(outsider, lessons)


def test_a_fragment_holding_a_csrf_token_is_never_kept(settings):
    page = Template(
        "{% load page_cache %}{% shared_fragment 'form' %}{% csrf_token %}{% endshared_fragment %}"
    )
    tokens = set()
    for _ in range(2):
        request = RequestFactory().get("/")
        tokens.add(page.render(Context({"request": request, "csrf_token": str(id(request))})))
    assert len(tokens) == 2

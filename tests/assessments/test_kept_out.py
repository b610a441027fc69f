"""Assessments are no pages and nobody's content: never in search, feeds, the sitemap or the
API, and never in the Wagtail admin, where facilitators work."""

from django.urls import get_resolver

from wagtail.snippets.models import get_snippet_models

import pytest

from tests.builders.assessments import add_unit, assessment, lead, make_organisation
from tests.builders.lessons import lesson
from tests.builders.network import make_member

WORDS = "Zanzibarian"  # in the organisation's name, the evidence and notes


@pytest.fixture
def closed(import_lessons, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    import_lessons(lesson())
    organisation = make_organisation(f"{WORDS} NHS Trust")
    by = lead(organisation, "lead@riverside.nhs.uk")
    subject = assessment(add_unit(organisation, f"{WORDS} directorate"), by, levels=(2,))
    subject.answers.update(evidence=f"{WORDS} evidence", notes=f"{WORDS} notes")
    subject.close(by)
    return subject


def _mentions(text):
    """Whether the text names the organisation, its unit, evidence or notes (a search page
    repeats the query itself)."""
    return any(
        f"{WORDS} {word}" in text for word in ("NHS Trust", "directorate", "evidence", "notes")
    )


def _everywhere(client):
    for url in (
        "/sitemap.xml",
        f"/search/?q={WORDS}",
        f"/api/lessons/search/?q={WORDS}",
        "/feeds/lessons/",
        f"/search/suggest/?q={WORDS[:5]}",
    ):
        yield url, client.get(url)


def test_no_public_surface_mentions_an_assessment(client, closed):
    for url, response in _everywhere(client):
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not _mentions(text) and "/assessments/" not in text, url


def test_not_even_for_its_lead(client, closed):
    client.force_login(closed.organisation.leads.get().user)
    for url, response in _everywhere(client):
        assert not _mentions(response.content.decode()), url


def test_facilitators_see_no_assessment_in_the_wagtail_admin(client, closed):
    facilitator = make_member("south-west-km", "fay@example.nhs.uk", role="facilitator")
    client.force_login(facilitator)
    for url in ("/admin/", f"/admin/pages/search/?q={WORDS}"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not _mentions(text) and "/assessments/" not in text, url


def test_the_admin_has_no_view_of_assessments():
    assert not [m for m in get_snippet_models() if m._meta.app_label == "assessments"]

    def views(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    admin = [
        route
        for route, callback in views(get_resolver().url_patterns)
        if route.startswith("admin/") and "assessments" in getattr(callback, "__module__", "")
    ]
    assert admin == []

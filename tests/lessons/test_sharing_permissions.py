"""Only a lesson's champion may open it in the guided form, and nobody else sees a draft
anywhere: the permission matrix of every step, and the draft's absence from every surface."""

from django.urls import reverse

import pytest

from home import site_tree as tree
from lessons.models import LessonPage
from tests.builders.lessons import document, lesson
from tests.builders.sharing import PEOPLE, people, shared, step, url

STEPS = [
    "about",
    "story",
    "context",
    "team",
    "factors",
    "maturity",
    "themes",
    "network",
    "evidence",
    "related",
]
DRAFT_TITLE = "Protected time for evidence huddles"


@pytest.fixture(scope="module")
def world(module_db):
    tree.ensure_site_tree()
    tree.import_lessons(document(lesson()))
    everyone = people()
    draft = shared(everyone["champion"], title=DRAFT_TITLE, setting="Zanzibar wards")
    factor_id = next(iter(draft.get_latest_revision_as_object().factors)).id
    return {"people": everyone, "draft": draft, "factor_id": factor_id}


def _pages(world):
    """(method, address) for everything a champion does with a lesson in the form."""
    draft = world["draft"]
    pages = [("GET", step(draft, slug)) for slug in STEPS]
    pages += [("POST", step(draft, slug)) for slug in STEPS]
    pages += [
        ("GET", url("share_factor", draft, world["factor_id"])),
        ("GET", url("share_factor", draft, "new")),
        ("POST", url("share_factor", draft, "new")),
        ("GET", url("share_level", draft, "qiof-2")),
        ("POST", url("share_level", draft, "qiof-2")),
        ("GET", url("share_check", draft)),
        ("GET", url("share_preview", draft)),
        ("GET", url("share_sent", draft)),
        ("POST", url("share_submit", draft)),
        ("POST", url("share_withdraw", draft)),
    ]
    return pages


def _request(client, method, address):
    return client.get(address) if method == "GET" else client.post(address, {})


def test_anonymous_visitors_are_sent_to_sign_in_and_back(world, client):
    response = client.get("/lessons/share/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/lessons/share/"
    for method, address in _pages(world):
        response = _request(client, method, address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/accounts/login/?next="), address


@pytest.mark.parametrize("person", PEOPLE)
def test_nobody_but_the_champion_may_open_a_draft(world, client, person):
    client.force_login(world["people"][person])
    revision = world["draft"].latest_revision_id
    for method, address in _pages(world):
        assert _request(client, method, address).status_code == 404, (method, address)
    # Nothing they sent changed the lesson.
    assert LessonPage.objects.get(pk=world["draft"].pk).latest_revision_id == revision


@pytest.mark.parametrize("person", ["champion", *PEOPLE])
def test_every_verified_member_may_start_a_lesson(world, client, person):
    client.force_login(world["people"][person])
    response = client.get("/lessons/share/")
    assert response.status_code == 200
    assert "What kind of lesson is it?" in response.content.decode()


def test_a_member_without_a_verified_email_is_told_how_to_verify(world, client):
    client.force_login(world["people"]["unverified"])
    for address in ["/lessons/share/", step(world["draft"], "about")]:
        response = client.get(address)
        assert response.status_code == 403
        html = response.content.decode()
        assert "Verify your email address to share a lesson" in html
        assert reverse("account_email") in html
    response = client.post("/lessons/share/", {"kind": "lesson", "title": "T", "summary": "S"})
    assert response.status_code == 403
    assert not LessonPage.objects.filter(title="T").exists()


def test_the_champion_may_open_every_step(world, client):
    client.force_login(world["people"]["champion"])
    for method, address in _pages(world):
        if method == "GET" and "/sent/" not in address:
            assert client.get(address).status_code == 200, address


# A draft is nobody else's business, anywhere.

PLACES = [
    "/",
    "/lessons/",
    "/networks/south-west-km/",
    "/search/?q=zanzibar",
    "/search/?q=protected+huddles",
    "/search/suggest/?q=Protected",
    "/search/similar/?organisation_type=acute_trust&q=zanzibar",
    "/api/lessons/search/?q=zanzibar",
    "/api/lessons/similar/?q=zanzibar",
    "/sitemap.xml",
    "/members/me/lessons/",
]


@pytest.mark.parametrize("person", ["anonymous", *PEOPLE])
def test_a_draft_appears_to_nobody_else(world, client, person):
    if person != "anonymous":
        client.force_login(world["people"][person])
    draft = world["draft"]
    assert client.get(draft.url).status_code == 404
    assert client.get(url("share_preview", draft)).status_code in (302, 404)
    for place in PLACES:
        body = client.get(place).content.decode()
        assert DRAFT_TITLE not in body, place
        assert draft.slug not in body, place
        assert "Zanzibar" not in body, place


def test_the_champion_finds_their_draft_in_my_lessons_only(world, client):
    client.force_login(world["people"]["champion"])
    html = client.get("/members/me/lessons/").content.decode()
    assert DRAFT_TITLE in html
    assert url("share_check", world["draft"]) in html
    # Even its champion cannot read it as a page before it is published.
    assert client.get(world["draft"].url).status_code == 404


def test_a_networks_facilitator_cannot_open_a_draft_in_the_admin_until_it_is_sent(
    world, client, django_capture_on_commit_callbacks
):
    from lessons.moderation.workflow import submit_for_review

    facilitator = world["people"]["facilitator"]
    draft = world["draft"]
    client.force_login(facilitator)
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code != 200
    assert not draft.permissions_for_user(facilitator).can_publish()
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(draft, world["people"]["champion"])
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200

"""Every search speaks the NHS's words: the site, the API, similar contexts, the directory and
the admin all expand a query by the thesaurus, which site editors change in the admin with
effect at once."""

import pytest

from tests.builders.accounts import make_site_editor, make_user
from tests.builders.lessons import plain
from tests.builders.network import make_profile

LESSONS = {
    "handover": "Cutting handover delays in the emergency department",
    "digest": "An evidence digest for a general practice team",
    "starter": "A starter pack for newly qualified district nurses",
    "reception": "Health literacy training for reception and care navigation staff",
    "huddles": "Evidence briefings at ward huddles",
}


@pytest.fixture(scope="module")
def built(module_lessons):
    """Built once for the module: what a test writes (thesaurus entries, people) is undone
    after it (module_db)."""
    module_lessons(*(plain(slug=slug, title=title) for slug, title in LESSONS.items()))


@pytest.fixture
def lessons(built):
    yield
    from core import thesaurus

    thesaurus.forget()  # a test's edits are rolled back without signals


def titles(client, query):
    response = client.get("/api/lessons/search/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "slug"),
    [("A&E", "handover"), ("GP's", "digest"), ("DNs", "starter"), ("receptionists", "reception")],
)
def test_staff_words_find_their_lesson_in_site_search_and_the_api(lessons, client, query, slug):
    assert titles(client, query)[:1] == [LESSONS[slug]]
    response = client.get("/search/", {"q": query})
    assert [lesson.title for lesson in response.context["result"].page][:1] == [LESSONS[slug]]


@pytest.mark.parametrize("query", ["education", "DNA", "ed"])
def test_short_abbreviations_do_not_match_other_words(lessons, client, query):
    assert LESSONS["handover"] not in titles(client, query)
    assert LESSONS["starter"] not in titles(client, query)


def test_the_admin_page_search_expands_as_the_site_does(lessons, client):
    client.force_login(make_site_editor())
    page = client.get("/admin/pages/search/", {"q": "A&E"}).content.decode()
    assert LESSONS["handover"] in page


def test_similar_contexts_expand_the_words_too(lessons, client):
    response = client.get("/api/lessons/similar/", {"q": "DNs"})
    assert response.status_code == 200, response.content[:300]
    assert LESSONS["starter"] in [r["title"] for r in response.json()["results"]][:1]


def test_the_directory_finds_people_by_an_abbreviation(lessons, client):
    make_profile(
        make_user("dee@example.nhs.uk"), display_name="Dee Nurse", job_role="District nurse"
    )
    client.force_login(make_user("reader@example.nhs.uk"))
    assert "Dee Nurse" in client.get("/members/", {"q": "DNs"}).content.decode()


def test_an_entry_edited_in_the_admin_changes_results_at_once(lessons, client):
    assert titles(client, "stand-up") == []
    client.force_login(make_site_editor())
    response = client.post(
        "/admin/thesaurus/new/",
        {"terms": "stand-up, briefings", "source": "Our network's words", "one_way": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles(client, "stand-up") == [LESSONS["huddles"]]

    from core.models import ThesaurusEntry

    entry = ThesaurusEntry.objects.get(terms="stand-up, briefings")
    response = client.post(
        f"/admin/thesaurus/edit/{entry.pk}/",
        {"terms": "stand-up, navigation", "source": "Our network's words", "one_way": ""},
    )
    assert response.status_code == 302
    assert titles(client, "stand-up") == [LESSONS["reception"]]


def test_a_bad_entry_is_refused_with_a_message_naming_the_field(lessons, client):
    client.force_login(make_site_editor())
    response = client.post("/admin/thesaurus/new/", {"terms": "lonely", "source": "x"})
    assert response.status_code == 200
    assert "at least two terms" in response.content.decode()


def test_only_site_editors_may_change_the_thesaurus(lessons, client):
    client.force_login(make_user("member@example.nhs.uk", is_staff=True))
    response = client.get("/admin/thesaurus/")
    assert response.status_code in (302, 403)

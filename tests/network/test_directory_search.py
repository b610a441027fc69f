"""Finding people in the directory with words: through the search index, as site search finds
them, ranked most words first, only among the profiles the reader may see, and at a cost that
does not multiply with the number of words."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from network.models import Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile

SPECIALISMS = ["literature searching", "patient safety", "evidence summaries", "huddles"]
TOPICS = ["board papers", "knowledge cafes", "discharge planning", "journal clubs"]


@pytest.fixture(scope="module")
def people(module_lessons):
    """A crowd of public profiles that share their tags (the shape that made each word cost
    two joins over the tag tables), and one person of each visibility to find by name."""
    module_lessons(lesson())
    public = NetworkPage.objects.get(slug="south-west-km")
    for n in range(30):
        profile = make_profile(
            make_user(f"crowd{n:02}@example.nhs.uk"),
            display_name=f"Crowd Member {n:02}",
            job_role="Knowledge specialist",
            organisation="Somewhere Trust",
        )
        profile.specialisms.set(SPECIALISMS)
        profile.ask_me_about.set(TOPICS)
        profile.save()
    found = {}
    for visibility, name in [
        ("everyone", "Orla Openshaw"),
        ("members", "Mina Membersonly"),
        ("private", "Pia Privacy"),
    ]:
        user = make_user(f"{visibility}@example.nhs.uk")
        Membership.objects.create(network=public, user=user)
        found[visibility] = make_profile(
            user,
            visibility,
            display_name=name,
            job_role="Clinical librarian",
            organisation="Exeter Hospitals",
        )
    return found


def names(client, query):
    response = client.get("/members/", query)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r"app-profile-card.*?<a [^>]*>([^<]+)</a>", html, re.S)


def test_a_profile_saved_through_the_form_is_found_by_every_field_it_is_searched_on(db, client):
    user = make_user("new@example.nhs.uk")
    make_profile(user, display_name="Nia Newcomer")
    client.force_login(user)
    response = client.post(
        "/members/me/edit/",
        {
            "display_name": "Nia Newcomer",
            "job_role": "Improvement advisor",
            "organisation": "Torbay Community Trust",
            "specialisms": "phlebotomy",
            "training": "QSIR practitioner",
            "ask_me_about": "telehealth",
            "visibility": "everyone",
        },
    )
    assert response.status_code == 302
    for words in ["nia", "newcomer", "advisor", "torbay", "phlebotomy", "qsir", "telehealth"]:
        assert "Nia Newcomer" in client.get("/members/", {"q": words}).content.decode(), words
    # The index holds the tags as saved, not those before the save.
    client.post(
        "/members/me/edit/",
        {"display_name": "Nia Newcomer", "specialisms": "triage", "visibility": "everyone"},
    )
    assert "Nia Newcomer" in client.get("/members/", {"q": "triage"}).content.decode()
    assert "Nia Newcomer" not in client.get("/members/", {"q": "phlebotomy"}).content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"Orla Openshaw"}),
        ("signed-in", {"Orla Openshaw", "Mina Membersonly"}),
        ("owner of the private profile", {"Orla Openshaw", "Mina Membersonly", "Pia Privacy"}),
    ],
)
def test_words_find_only_the_profiles_the_reader_may_see(people, client, who, expected):
    if who == "signed-in":
        client.force_login(make_user("reader@example.nhs.uk"))
    elif who != "anonymous":
        client.force_login(people["private"].user)
    assert set(names(client, {"q": "clinical librarian exeter"})) == expected


def test_words_and_the_network_filter_narrow_together(people, client):
    client.force_login(people["members"].user)
    found = names(client, {"q": "librarian", "network": "south-west-km"})
    assert set(found) == {"Orla Openshaw", "Mina Membersonly"}
    assert names(client, {"q": "knowledge specialist", "network": "south-west-km"}) == []


def test_people_with_all_the_words_come_before_those_with_some(people, client):
    client.force_login(make_user("reader@example.nhs.uk"))
    found = names(client, {"q": "clinical librarian openshaw"})
    assert found == ["Orla Openshaw", "Mina Membersonly"]  # three words, then two
    found = names(client, {"q": "openshaw knowledge specialist"})
    assert len(found) == 20 and "Orla Openshaw" not in found  # the crowd's two words first
    last = client.get("/members/", {"q": "openshaw knowledge specialist", "page": 2})
    assert "Orla Openshaw" in last.content.decode()


def sqlite_cost(client, query, budget):
    """(queries, SQLite virtual-machine steps) of a directory search: a cost measure that does
    not depend on the machine's load. A statement that passes `budget` steps is stopped."""
    steps = [0]

    def count():
        steps[0] += 100
        return steps[0] > budget  # a true value interrupts the statement

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/members/", {"q": query})
    finally:
        connection.connection.set_progress_handler(None, 0)
    assert response.status_code == 200
    return len(queries), steps[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="counts SQLite's own steps")
def test_eight_words_cost_the_same_queries_and_a_step_per_word(people, client):
    """Each word used to add two joins over the tag tables to one query, multiplying its rows
    (the old code passed any budget here); now each word is one index lookup."""
    client.force_login(make_user("reader@example.nhs.uk"))
    client.get("/members/", {"q": "warm up"})
    _, one_word = sqlite_cost(client, "huddles", budget=10_000_000)
    two_queries, _ = sqlite_cost(client, "huddles safety", budget=10_000_000)
    eight = "huddles patient safety evidence summaries board papers journal"
    eight_queries, eight_words = sqlite_cost(client, eight, budget=8 * one_word)
    assert eight_queries == two_queries
    assert eight_words < 8 * one_word

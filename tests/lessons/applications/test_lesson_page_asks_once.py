"""A lesson page asks each thing once: the profiles of its people (champion, co-authors and
appliers, in one query), the reader's networks, whether the reader facilitates its network
(to correct it, to moderate its comments), its applications (whether it is learned comes from
them) and Wagtail's privacy settings along its path (asked when serving it, read again by its
metadata). Each was asked twice before."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from lessons.models import CoAuthor
from tests.builders.accounts import make_user
from tests.builders.applications import PAGE, apply
from tests.builders.network import make_member, make_profile
from tests.builders.pages import text_of


def sql_of(client, url=PAGE):
    assert client.get(url).status_code == 200  # Wagtail's site-root cache warm, as usual
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured], response


def reading(table, queries):
    return [sql for sql in queries if sql.startswith("SELECT") and f'FROM "{table}"' in sql]


@pytest.fixture
def people(lessons, applier):
    """Ann's lesson, with Cal as its co-author who also applied it, and Dee, who applied it."""
    page, author, _ = lessons
    CoAuthor.objects.create(lesson=page, user=applier)
    apply(page, applier)
    dee = make_user("dee@example.nhs.uk")
    make_profile(dee, display_name="Dee Applier")
    apply(page, dee, setting="community hospital wards")
    return page, author, applier, dee


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_lesson_page_reads_its_peoples_profiles_once(client, people, who):
    if who == "member":
        client.force_login(make_member("south-west-km", "reader@example.nhs.uk"))
    queries, _ = sql_of(client)
    assert len(reading("network_profile", queries)) == 1


def test_each_person_is_named_where_they_belong(client, people):
    """Read in one query, the champion, co-authors and appliers still land in their places."""
    client.force_login(make_member("south-west-km", "reader@example.nhs.uk"))
    _, response = sql_of(client)
    text = text_of(response)
    html = response.content.decode()
    assert "Shared by Ann Author" in text
    assert "With Cal Applier" in text and "Dee Applier" not in text.split("With ")[1][:40]
    applications = html.split('id="applications"')[1].split("</section>")[0]
    assert "Cal Applier" in applications and "Dee Applier" in applications
    assert "Ann Author" not in applications


def test_a_visitor_sees_no_name_hidden_from_them(client, people):
    """Cal's profile is for members only: a visitor sees neither the co-author nor the name
    on the application, though the application's context is shown."""
    _, response = sql_of(client)
    text = text_of(response)
    assert "Cal Applier" not in text
    assert "Shared by Ann Author" in text and "Dee Applier" in text
    assert "Applied in 2 places" in text


def test_a_members_lesson_page_asks_for_their_networks_once(client, people):
    member = make_member("south-west-km", "reader@example.nhs.uk")
    client.force_login(member)
    queries, _ = sql_of(client)
    networks = [
        sql
        for sql in reading("network_membership", queries)
        if sql.startswith('SELECT "network_membership"."network_id"')
    ]
    assert len(networks) == 1


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_privacy_settings_along_the_path_are_read_once(client, people, who):
    if who == "member":
        client.force_login(make_member("south-west-km", "reader@example.nhs.uk"))
    queries, _ = sql_of(client)
    assert len(reading("wagtailcore_pageviewrestriction", queries)) == 1
    assert 'property="og:title"' in sql_of(client)[1].content.decode()


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_whether_the_reader_facilitates_the_network_is_asked_once(client, people, role):
    client.force_login(make_member("south-west-km", "reader@example.nhs.uk", role=role))
    queries, response = sql_of(client)
    asked = [sql for sql in queries if '"network_membership"."role" =' in sql]
    assert len(asked) == 1
    # ... and its answer serves both: a facilitator may correct the lesson and moderate.
    assert ("Correct this lesson" in text_of(response)) is (role == "facilitator")


@pytest.mark.parametrize("result", ["", "worked"])
def test_the_applications_are_read_once_and_say_whether_it_is_learned(client, people, result):
    page, _, applier, _ = people
    application = page.applications.get(applier=applier)
    application.result = result
    application.save()
    queries, response = sql_of(client)
    assert len(reading("lessons_application", queries)) == 1
    assert ("Learned" in text_of(response)) is bool(result)

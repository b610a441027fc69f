"""What the lesson page shows of its applications: the applier's name only where their profile
is visible, 'this was useful', and a cost that does not grow with the applications."""

import pytest

from lessons.models import Application, UsefulMark
from tests.builders.accounts import make_user
from tests.builders.applications import LAST_MONTH, PAGE, apply
from tests.builders.network import make_profile
from tests.builders.pages import text_of

# Who sees the applier's name


@pytest.mark.parametrize(
    ("visibility", "reader", "named"),
    [
        ("everyone", "anonymous", True),
        ("members", "anonymous", False),
        ("members", "member", True),
        ("private", "anonymous", False),
        ("private", "member", False),
        ("private", "applier", True),
    ],
)
def test_the_applier_is_named_only_where_their_profile_is_visible(
    lessons, client, visibility, reader, named
):
    person = make_user("pat@example.nhs.uk")
    make_profile(person, display_name="Pat Applier", visibility=visibility)
    apply(lessons[0], person, setting="community hospital wards")
    if reader == "member":
        client.force_login(make_user("reader@example.nhs.uk"))
    elif reader == "applier":
        client.force_login(person)
    html = client.get(PAGE).content.decode()
    section = html.split('id="applications"')[1].split("</section>")[0]
    assert ("Pat Applier" in html) is named
    assert ("/members/" in section) is named
    # The context is shown either way, and the email address never.
    assert "Applied in 1 place" in html and "community hospital wards" in section
    assert person.email not in section


def test_an_application_with_no_applier_shows_its_context(lessons, client):
    Application.objects.create(
        lesson=lessons[0],
        organisation_type="acute_trust",
        region="london",
        applied_on=LAST_MONTH,
        what_we_did="Imported.",
        result="worked",
    )
    client.force_login(make_user("reader@example.nhs.uk"))
    text = text_of(client.get(PAGE))
    assert "Acute trust, London" in text and "It worked" in text
    assert "Record the result" not in text


# This was useful


def test_a_member_says_a_lesson_was_useful_once(lessons, applier, client):
    useful = PAGE + "useful/"
    assert client.get(useful).status_code == 405
    response = client.post(useful, {"useful": "yes"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "No one has said this was useful yet." in text_of(client.get(PAGE))

    client.force_login(applier)
    html = client.get(PAGE).content.decode()
    assert 'name="useful" value="yes"' in html and 'aria-pressed="false"' in html
    response = client.post(useful, {"useful": "yes"})
    assert response.status_code == 302 and response.url == PAGE + "#useful"
    client.post(useful, {"useful": "yes"})  # a second click changes nothing
    assert UsefulMark.objects.filter(user=applier).count() == 1
    html = client.get(PAGE).content.decode()
    assert "1 member found this useful, including you." in text_of(client.get(PAGE))
    assert 'name="useful" value="no"' in html and 'aria-pressed="true"' in html

    other = make_user("other@example.nhs.uk")
    client.force_login(other)
    client.post(useful, {"useful": "yes"})
    assert "2 members found this useful, including you." in text_of(client.get(PAGE))
    client.post(useful, {"useful": "no"})
    client.force_login(applier)
    client.post(useful, {"useful": "no"})
    assert not UsefulMark.objects.exists()


def test_who_may_not_read_a_lesson_may_not_mark_it(lessons, client):
    client.force_login(make_user("out@example.nhs.uk"))
    assert client.post("/lessons/board-secret/useful/", {"useful": "yes"}).status_code == 404
    assert not UsefulMark.objects.exists()


# The cost of the page


@pytest.mark.parametrize("count", [1, 10])
def test_the_lesson_page_costs_the_same_however_often_it_was_applied(
    lessons, applier, client, django_assert_max_num_queries, count
):
    the_lesson = lessons[0]
    for n in range(count):
        person = make_user(f"person{n}@example.nhs.uk")
        make_profile(person, display_name=f"Person {n}", visibility=["everyone", "private"][n % 2])
        application = apply(the_lesson, person, notify=False)
        application.record_result(person, "worked", "Fine.")
        the_lesson.set_useful(person, True)
    apply(the_lesson, applier, notify=False)
    client.force_login(applier)
    client.get(PAGE)  # warm Wagtail's site-root cache
    # The lesson page's own budget for an anonymous reader (29, tests/lessons/test_pages.py),
    # 1 for the appliers' visible profiles; a signed-in reader adds their session, user and
    # networks (the read rule) and the Wagtail user bar's two permission queries, 1 for
    # whether they facilitate its network (may correct it), and 1 for its evidence files;
    # the audience of its kept similar lessons (lessons/similar_box.py); 1 for whether they
    # moderate its comments (questions/wagtail_hooks.py).
    with django_assert_max_num_queries(35):
        response = client.get(PAGE)
    assert f"Applied in {count + 1} places" in text_of(response)
    assert response.content.decode().count('class="app-application"') == count + 1

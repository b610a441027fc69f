"""The guided lesson editor in the Wagtail admin, and its field errors."""

from wagtail.test.utils.form_data import inline_formset, streamfield

import pytest

from lessons.models import LessonPage
from maturity.models import Dimension
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import editor_form, factor, list_block


@pytest.fixture
def champion(site_tree, client):
    user = make_user("champion@example.nhs.uk", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def add_url(site_tree):
    return f"/admin/pages/add/lessons/lessonpage/{site_tree[1].pk}/"


def test_a_champion_can_publish_a_full_lesson(site_tree, champion, client):
    response = client.post(add_url(site_tree), {**editor_form(), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = LessonPage.objects.get(slug="evidence-at-the-morning-huddle")
    assert page.live
    assert [m.role for m in page.team_members.all()] == ["District nurse", "Clinical librarian"]
    assert list(page.factors[0].value["whys"]) == ["Shifts overrun", "Too few staff", "Vacancies"]
    assert page.maturity_links.get().level == 2


def errors_after(site_tree, client, **overrides):
    form = {**editor_form(**overrides), "action-publish": "publish"}
    response = client.post(add_url(site_tree), form)
    assert response.status_code == 200
    assert not LessonPage.objects.filter(slug="evidence-at-the-morning-huddle").exists()
    return response


def test_members_only_lesson_needs_a_network(site_tree, champion, client):
    response = errors_after(site_tree, client, visibility="members")
    assert "A members-only lesson must belong to a network" in response.content.decode()
    # Nothing typed is lost: the form comes back with the champion's text.
    assert "Evidence at the morning huddle" in response.content.decode()


def test_members_only_lesson_with_a_network_saves(site_tree, champion, client, import_lessons):
    from tests.builders.lessons import lesson

    import_lessons(lesson())
    network = NetworkPage.objects.get(slug="board-leads")
    response = client.post(
        add_url(site_tree), editor_form(visibility="members", network=str(network.pk))
    )
    assert response.status_code == 302
    assert LessonPage.objects.get(slug="evidence-at-the-morning-huddle").network == network


def test_level_must_be_between_0_and_4(site_tree, champion, client):
    qiof2 = Dimension.objects.get(code="qiof-2")
    response = errors_after(
        site_tree,
        client,
        maturity_links=inline_formset([{"dimension": str(qiof2.pk), "level": "5"}]),
    )
    assert "Select a valid choice. 5 is not one of the available choices." in (
        response.content.decode()
    )


def test_years_of_experience_must_be_at_most_60(site_tree, champion, client):
    response = errors_after(
        site_tree,
        client,
        team_members=inline_formset(
            [{"role": "Nurse", "years_experience": "61", "specialisms": "", "training": ""}]
        ),
    )
    assert "Years of experience must be a whole number from 0 to 60" in response.content.decode()


def test_whys_may_not_be_empty(site_tree, champion, client):
    response = errors_after(
        site_tree, client, factors=streamfield([factor("Time pressure", ["Shifts overrun", ""])])
    )
    assert LessonPage.objects.count() == 0
    assert "This field is required" in response.content.decode()


def test_a_factor_needs_at_least_one_why(site_tree, champion, client):
    response = errors_after(site_tree, client, factors=streamfield([factor("Time pressure", [])]))
    assert "The minimum number of items is 1" in response.content.decode()


def test_the_editor_is_guided_in_tabs(site_tree, champion, client):
    html = client.get(add_url(site_tree)).content.decode()
    for tab in ["Story", "Context and team", "Factors and whys", "Maturity and themes"]:
        assert tab in html
    assert "Job titles are not context: experience is." in html


def test_an_empty_action_box_is_dropped_not_an_error(site_tree, champion, client):
    statement = factor("Time pressure", ["Shifts overrun"])
    statement[1]["actions"] = list_block(["", "Agreed a handover format"])
    form = {**editor_form(factors=streamfield([statement])), "action-publish": "publish"}
    assert client.post(add_url(site_tree), form).status_code == 302
    page = LessonPage.objects.get(slug="evidence-at-the-morning-huddle")
    assert list(page.factors[0].value["actions"]) == ["Agreed a handover format"]

"""Theme pages: hand-picked first and in order, then everything else tagged, each once, and only
what the reader may read; lesson pages link back to their themes; facilitators edit themes."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Page

import pytest

from home.models import HomePage
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.pages import text_of
from tests.builders.themes import (
    DRAFT,
    OFF_THEME,
    PICKED_AND_TAGGED,
    PUBLIC_EVENT,
    PUBLIC_PICK,
    RESOURCE,
    SECRET_EVENT,
    SECRET_PICK,
    SECRET_TAGGED,
    TAGGED,
    add_theme,
)
from themes.models import ThemeIndexPage, ThemePage, ThemePick

EVERY_TITLE = [
    SECRET_PICK,
    PUBLIC_PICK,
    SECRET_EVENT,
    PICKED_AND_TAGGED,
    PUBLIC_EVENT,
    TAGGED,
    SECRET_TAGGED,
    DRAFT,
    OFF_THEME,
    RESOURCE,
]


def order_on_page(client, user=None):
    """The titles the page shows, in the order it shows them."""
    if user is not None:
        client.force_login(user)
    response = client.get("/themes/huddles/")
    assert response.status_code == 200
    text = text_of(response)
    found = [(text.find(title), title) for title in EVERY_TITLE if title in text]
    return [title for _, title in sorted(found)], text


@pytest.fixture(params=["anonymous", "non-member", "member-of-another-network"])
def outsider(request, db, member_of):
    if request.param == "non-member":
        return make_user("outsider@example.nhs.uk")
    if request.param == "member-of-another-network":
        return member_of("south-west-km", email="sw@example.nhs.uk", role="facilitator")
    return None


def test_picks_come_first_in_their_order_then_tagged_things_each_once(huddles_theme, client):
    titles, text = order_on_page(client)
    assert titles == [PUBLIC_PICK, PICKED_AND_TAGGED, PUBLIC_EVENT, TAGGED, RESOURCE]
    assert text.count(PUBLIC_PICK) == 1
    assert text.count(PICKED_AND_TAGGED) == 1
    assert "Why it is here: Read this first." in text
    assert "Picked twice by mistake." not in text


def test_outsiders_see_nothing_private_picked_or_tagged(huddles_theme, client, outsider):
    titles, text = order_on_page(client, outsider)
    assert titles == [PUBLIC_PICK, PICKED_AND_TAGGED, PUBLIC_EVENT, TAGGED, RESOURCE]
    for hidden in (SECRET_PICK, SECRET_TAGGED, SECRET_EVENT, DRAFT, "Members only."):
        assert hidden not in text


def test_members_see_their_networks_picks_and_tagged_lessons_in_place(
    huddles_theme, client, member_of
):
    titles, _ = order_on_page(client, member_of("board-leads"))
    assert titles == [
        SECRET_PICK,
        PUBLIC_PICK,
        SECRET_EVENT,
        PICKED_AND_TAGGED,
        PUBLIC_EVENT,
        SECRET_TAGGED,
        TAGGED,
        RESOURCE,
    ]


def test_editors_read_everything_but_drafts(huddles_theme, client):
    editor = make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True)
    titles, _ = order_on_page(client, editor)
    # Superusers see every network's events; members-only lessons stay with their members.
    assert SECRET_EVENT in titles
    assert DRAFT not in titles


def test_the_theme_names_its_outcomes_and_its_feeds(huddles_theme, client):
    response = client.get("/themes/huddles/")
    body = response.content.decode()
    assert f'href="{reverse("maturity:dimension", args=["qiof-2"])}"' in body
    assert "NMM Purpose" in text_of(response)  # the label scheme: abbreviation, short title
    assert '<link rel="alternate" type="application/rss+xml" title="Huddles (RSS)"' in body
    assert 'href="/feeds/themes/huddles/json/"' in body


def test_the_index_lists_live_themes_only(huddles_theme, client):
    add_theme("unfinished", "Unfinished theme", tags=["huddles"], live=False)
    text = text_of(client.get("/themes/"))
    assert "Huddles" in text
    assert "Unfinished theme" not in text
    assert client.get("/themes/unfinished/").status_code == 404


def test_lesson_pages_link_to_the_themes_that_list_them(huddles_theme, client):
    for slug in ["tagged", "public-pick", "picked-and-tagged"]:
        body = client.get(f"/lessons/{slug}/").content.decode()
        assert 'href="/themes/huddles/"' in body, slug
    assert "/themes/huddles/" not in client.get("/lessons/off-theme/").content.decode()


def test_only_lessons_events_resources_and_research_summaries_can_be_picked(huddles_theme):
    network = NetworkPage.objects.get(slug="south-west-km")
    with pytest.raises(ValidationError):
        ThemePick(theme=huddles_theme, page=Page.objects.get(pk=network.pk)).clean()
    ThemePick(theme=huddles_theme, page=LessonPage.objects.get(slug="tagged")).clean()


class TestPageTree:
    def test_themes_live_under_the_themes_index_under_home(self, site_tree):
        home = site_tree[0]
        index = ThemeIndexPage.objects.child_of(home).get()
        assert index.url == "/themes/"
        assert ThemePage.allowed_parent_page_models() == [ThemeIndexPage]
        assert ThemeIndexPage.allowed_parent_page_models() == [HomePage]
        assert not ThemeIndexPage.can_create_at(home)  # one index, already there
        assert ThemePage.can_create_at(index)


class TestFacilitatorsEditThemes:
    def test_facilitators_of_any_network_may_add_themes_and_edit_those_they_curate(
        self, huddles_theme, member_of
    ):
        facilitator = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
        index = ThemeIndexPage.objects.get()
        assert index.permissions_for_user(facilitator).can_add_subpage()
        assert not huddles_theme.permissions_for_user(facilitator).can_edit()
        huddles_theme.curators.add(facilitator)
        huddles_theme.save()
        assert huddles_theme.permissions_for_user(facilitator).can_edit()
        assert huddles_theme.permissions_for_user(facilitator).can_publish()

    def test_members_may_not(self, huddles_theme, member_of):
        member = member_of("south-west-km")
        assert not ThemeIndexPage.objects.get().permissions_for_user(member).can_add_subpage()
        assert not huddles_theme.permissions_for_user(member).can_edit()

    def test_the_admin_offers_a_facilitator_the_theme_form(self, huddles_theme, client, member_of):
        facilitator = member_of("board-leads", email="lead@example.nhs.uk", role="facilitator")
        huddles_theme.curators.add(facilitator)
        huddles_theme.save()
        client.force_login(facilitator)
        index = ThemeIndexPage.objects.get()
        response = client.get(f"/admin/pages/add/themes/themepage/{index.pk}/")
        assert response.status_code == 200
        assert "Hand-picked, in this order" in response.content.decode()
        assert client.get(f"/admin/pages/{huddles_theme.pk}/edit/").status_code == 200

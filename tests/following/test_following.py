"""Following themes, networks and people: the buttons, the list, and the email preference."""

import re

import pytest

from following.models import Follow, Frequency, NotificationPreference
from tests.builders.accounts import make_user
from tests.builders.network import make_profile
from tests.builders.pages import text_of


def follow(client, kind, target, next_url="/"):
    return client.post(
        "/members/me/following/follow/", {"kind": kind, "pk": target.pk, "next": next_url}
    )


def unfollow(client, kind, target, next_url="/"):
    return client.post(
        "/members/me/following/stop/", {"kind": kind, "pk": target.pk, "next": next_url}
    )


PAGES = {
    "theme": lambda site: ("/themes/huddles/", site["theme"], "Follow this theme"),
    "network": lambda site: ("/networks/south-west-km/", site["south_west"], "Follow this network"),
    "person": lambda site: (site["author"].get_absolute_url(), site["author"], "Follow Ann Author"),
}


@pytest.mark.parametrize("kind", PAGES)
def test_a_member_follows_and_stops_following_from_the_page(site, client, kind):
    url, target, button = PAGES[kind](site)
    client.force_login(site["reader"])
    assert button in text_of(client.get(url))

    response = follow(client, kind, target, next_url=url)
    assert response.status_code == 302 and response.url == url
    assert Follow.objects.filter(follower=site["reader"]).of(target).count() == 1
    page = text_of(client.get(url))
    assert f"You are following {target}" in page
    assert "Stop following" in page
    assert str(target) in text_of(client.get("/members/me/following/"))

    follow(client, kind, target, next_url=url)  # a second click changes nothing
    assert Follow.objects.filter(follower=site["reader"]).count() == 1

    response = unfollow(client, kind, target, next_url=url)
    assert response.url == url
    assert not Follow.objects.filter(follower=site["reader"]).exists()
    assert f"You no longer follow {target}" in text_of(client.get(url))


@pytest.mark.parametrize("kind", PAGES)
def test_signed_out_readers_are_asked_to_sign_in_first(site, client, kind):
    url, target, _ = PAGES[kind](site)
    page = text_of(client.get(url))
    assert "Sign in to follow" in page
    response = follow(client, kind, target, next_url=url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not Follow.objects.exists()


@pytest.mark.parametrize("action", ["follow", "stop"])
def test_signing_in_to_follow_comes_back_to_the_page_the_button_was_on(site, client, action):
    path = f"/members/me/following/{action}/"
    target = {"kind": "theme", "pk": site["theme"].pk}
    response = client.post(path, {**target, "next": "/themes/huddles/"})
    assert response.url == "/accounts/login/?next=/themes/huddles/"
    # Without a page to go back to, the list of what they follow.
    response = client.post(path, target)
    assert response.url == "/accounts/login/?next=/members/me/following/"
    assert client.get(path).status_code == 405


def test_what_the_follower_may_not_see_cannot_be_followed(site, client, member_of):
    reader = site["reader"]
    client.force_login(reader)
    assert "Follow this network" not in text_of(client.get("/networks/board-leads/"))
    assert follow(client, "network", site["board"]).status_code == 404
    assert follow(client, "person", site["hidden"]).status_code == 404
    own = make_profile(reader, display_name="Rita Reader")
    assert "Follow Rita Reader" not in text_of(client.get(own.get_absolute_url()))
    assert follow(client, "person", own).status_code == 404
    assert not Follow.objects.exists()
    # Members of the members-only network may follow it.
    client.force_login(site["board_member"])
    assert "Follow this network" in text_of(client.get("/networks/board-leads/"))
    assert follow(client, "network", site["board"]).status_code == 302


def test_unknown_kinds_and_ids_are_not_found_and_get_is_not_allowed(site, client):
    client.force_login(site["reader"])
    bad = [{"kind": "lesson", "pk": "1"}, {"kind": "theme", "pk": "x"}, {"kind": "theme"}]
    for data in bad:
        assert client.post("/members/me/following/follow/", data).status_code == 404
    assert (
        client.post("/members/me/following/follow/", {"kind": "theme", "pk": 999999}).status_code
        == 404
    )
    assert client.get("/members/me/following/follow/").status_code == 405


def test_it_goes_back_only_to_pages_on_this_site(site, client):
    client.force_login(site["reader"])
    response = follow(client, "theme", site["theme"], next_url="https://evil.example/")
    assert response.url == "/members/me/following/"


def test_the_following_page_needs_signing_in(site, client):
    response = client.get("/members/me/following/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_someone_who_hides_their_profile_is_listed_without_their_name(site, client):
    member = make_user("follower@example.nhs.uk")
    Follow.objects.create(follower=member, target=site["hidden"])
    client.force_login(member)
    page = text_of(client.get("/members/me/following/"))
    assert "Hal Hidden" not in page
    assert "A member who no longer shares their profile with you" in page


class TestEmailPreference:
    def test_weekly_is_the_default(self, site, client):
        client.force_login(site["reader"])
        html = client.get("/members/me/following/").content.decode()
        assert re.search(r'value="weekly" checked', html)
        follow(client, "theme", site["theme"])
        assert NotificationPreference.objects.get(member=site["reader"]).frequency == "weekly"

    @pytest.mark.parametrize("frequency", Frequency.values)
    def test_a_member_chooses_how_often(self, site, client, frequency):
        client.force_login(site["reader"])
        response = client.post("/members/me/following/emails/", {"frequency": frequency})
        assert response.status_code == 302
        assert NotificationPreference.objects.get(member=site["reader"]).frequency == frequency
        assert re.search(rf'value="{frequency}" checked', client.get(response.url).content.decode())

    def test_a_bad_choice_is_shown_again_with_a_message_naming_the_field(self, site, client):
        client.force_login(site["reader"])
        response = client.post("/members/me/following/emails/", {"frequency": "hourly"})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-module="nhsuk-error-summary"' in html
        assert "Select how often we should email you, from the choices given" in text_of(response)
        assert not NotificationPreference.objects.filter(member=site["reader"]).exists()
        response = client.post("/members/me/following/emails/", {})
        assert "Select how often we should email you" in text_of(response)

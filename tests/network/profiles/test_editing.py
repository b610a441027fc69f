"""Completing and editing your own profile: where a new member lands, and errors that keep what
was typed."""

import re

from django.core import mail

from network.models import Profile
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.profiles import profile_form


def test_a_new_member_confirms_their_email_and_lands_on_the_profile_form(db, client):
    client.post(
        "/accounts/signup/",
        {"email": "new@example.nhs.uk", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    response = client.post(link.group(1), follow=True)
    assert response.redirect_chain[-1][0] == "/members/me/edit/"
    assert 'name="display_name"' in response.content.decode()
    assert response.context["user"].email == "new@example.nhs.uk"


def test_a_returning_member_who_signs_in_is_not_sent_to_the_profile_form(db, client):
    make_user("ada@example.nhs.uk")
    response = client.post(
        "/accounts/login/", {"login": "ada@example.nhs.uk", "password": PASSWORD}
    )
    assert response.url == "/"


def test_members_complete_and_edit_their_own_profile(db, client):
    user = make_user("ada@example.nhs.uk")
    assert client.get("/members/me/edit/").status_code == 302  # signed-in only
    client.force_login(user)
    assert "Complete your profile" in client.get("/members/me/edit/").content.decode()
    response = client.post("/members/me/edit/", profile_form())
    profile = Profile.objects.get(user=user)
    assert response.status_code == 302 and response.url == f"/members/{profile.pk}/"
    assert sorted(t.name for t in profile.ask_me_about.all()) == [
        "after action review",
        "peer assist",
    ]
    client.post("/members/me/edit/", profile_form(display_name="Ada L."))
    profile.refresh_from_db()
    assert profile.display_name == "Ada L." and Profile.objects.count() == 1


def test_profile_errors_keep_what_was_typed(db, client):
    client.force_login(make_user("ada@example.nhs.uk"))
    response = client.post("/members/me/edit/", profile_form(years_experience="99"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Years of experience in this kind of work must be a whole number from 0 to 60" in html
    assert 'value="Westbrook NHS Trust"' in html
    assert not Profile.objects.exists()

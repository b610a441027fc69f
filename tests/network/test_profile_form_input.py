"""The profile form refuses what the database cannot keep, with a message naming the field."""

import pytest

from network.models import Profile
from tests.builders.accounts import make_user
from tests.builders.network import make_profile

VALID = {"display_name": "Ada Able", "visibility": "everyone"}


def post(client, **fields):
    user = make_user("ada@example.nhs.uk")
    make_profile(user, display_name="Ada Able")
    client.force_login(user)
    return client.post("/members/me/edit/", {**VALID, **fields})


def test_a_tag_over_100_characters_is_refused_naming_the_field(db, client):
    response = post(client, specialisms=f"patient safety, {'x' * 101}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Specialisms: keep each one to 100 characters or fewer" in html
    assert not Profile.objects.get().specialisms.exists()


def test_a_tag_of_100_characters_is_kept(db, client):
    assert post(client, specialisms="x" * 100).status_code == 302
    assert [t.name for t in Profile.objects.get().specialisms.all()] == ["x" * 100]


def test_a_nul_in_a_field_is_refused_naming_the_field(db, client):
    response = post(client, bio="Ran huddles\x00.")
    assert response.status_code == 200
    assert "Bio: Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("field", ["display_name", "job_role", "organisation"])
def test_a_line_break_in_a_one_line_field_is_refused_naming_the_field(db, client, field):
    response = post(client, **{field: "Ada\rAble"})
    assert response.status_code == 200
    html = response.content.decode()
    assert ": Use one line, without line breaks, tabs or other control characters" in html
    assert Profile.objects.get().display_name == "Ada Able"
    assert getattr(Profile.objects.get(), field) != "Ada\rAble"

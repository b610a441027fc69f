"""A signed-in member without admin rights who opens the admin is told what they can do instead."""

from urllib.parse import unquote

from django.contrib.auth.models import Group

import pytest

from tests.builders.accounts import make_user
from tests.builders.lessons import lesson


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/"])
def test_a_member_without_admin_rights_gets_a_page_saying_what_they_can_do(site_tree, client, path):
    client.force_login(make_user("member@example.nhs.uk"))
    response = client.get(path, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 1
    html = response.content.decode()
    assert "The admin is for editors and facilitators" in html
    for link in ["/members/me/edit/", "/lessons/", "/networks/"]:
        assert f'href="{link}"' in html


def test_someone_signed_out_is_sent_to_sign_in(db, client):
    response = client.get("/admin/pages/", follow=True)
    assert unquote(response.redirect_chain[-1][0]) == "/accounts/login/?next=/admin/pages/"
    assert 'name="login"' in response.content.decode()


def test_editors_and_facilitators_still_get_in(import_lessons, client, member_of):
    import_lessons(lesson())
    editor = make_user("editor@example.nhs.uk")
    editor.groups.add(Group.objects.get(name="Editors"))
    facilitator = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    for person in [editor, facilitator]:
        client.force_login(person)
        assert client.get("/admin/").status_code == 200

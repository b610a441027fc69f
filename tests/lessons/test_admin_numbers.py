"""The admin's page chooser reads the ids it is sent through core/numbers.py: one that is no
whole number the database can hold names no page (issue 14: 5000 digits raised ValueError)."""

import pytest

from accounts.models import User

HOSTILE = {
    "superscript two": "²",
    "5000 digits": "9" * 5000,
    "beyond the database": "99999999999999999999999",
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
def test_the_chooser_names_no_page_for_an_id_that_is_not_a_whole_number(site_tree, client, value):
    client.force_login(
        User.objects.create_user(
            email="editor@example.nhs.uk", password="x-7", is_staff=True, is_superuser=True
        )
    )
    home, _, _ = site_tree
    response = client.get("/admin/choose-page/chosen-multiple/", {"id": [value, home.pk]})
    assert response.status_code == 200
    assert [page["id"] for page in response.json()["result"]] == [home.pk]

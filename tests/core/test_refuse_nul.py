"""A NUL character in an address is refused with 400 before any view sees it: PostgreSQL can
neither store nor compare text that holds one."""

import pytest


@pytest.mark.parametrize(
    "address",
    [
        "/search/?q=huddles%00",
        "/search/?theme=%00",
        "/members/?q=%00",
        "/members/?specialism=a%00b",
        "/lessons/?theme=%00",
        "/search/?q=huddles&%00=1",  # in a parameter's name
        "/lessons/%00/",  # in the path
    ],
)
def test_a_nul_in_an_address_is_refused_with_a_plain_400(db, client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "not allowed" in response.content.decode()


def test_the_api_refuses_a_nul_in_json_naming_the_parameter(db, client):
    response = client.get("/api/lessons/search/?q=huddles&theme=a%00")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"theme": ["“theme” holds a NUL character, which is not allowed."]}
    }

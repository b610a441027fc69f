"""Follow and stop take the id of what to follow from the form, read by core/numbers.py: an id
that is not a whole number in the database's range names nothing, so the answer is "not found"
on every database (issue 14; SQLite raised OverflowError on an id beyond 2**63)."""

import pytest

from accounts.models import User

HOSTILE = {
    "superscript two": "²",
    "5000 digits": "9" * 5000,
    "beyond the database": "99999999999999999999999",
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
@pytest.mark.parametrize("kind", ["theme", "network", "person"])
@pytest.mark.parametrize("action", ["follow", "stop"])
def test_following_or_stopping_an_id_that_is_not_a_whole_number_is_not_found(
    db, client, action, kind, value
):
    client.force_login(User.objects.create_user(email="reader@example.nhs.uk", password="x-7"))
    response = client.post(f"/members/me/following/{action}/", {"kind": kind, "pk": value})
    assert response.status_code == 404

""" "Did you mean" offers words from what the reader may read: the public lessons' titles and
summaries, and those of their own networks' members-only lessons; never a word found only in
another network's members-only lesson or in a draft, whoever asks."""

import pytest

from tests.builders.accounts import make_site_editor, make_user
from tests.builders.lessons import plain

PUBLIC = plain(slug="bloods", title="Venepuncture training for healthcare assistants")
MEMBERS = plain(
    slug="sepsis",
    title="Sepsis screening on admission",
    network="board-leads",
    visibility="members",
)
DRAFT = plain(slug="trachy", title="Tracheostomy care at night", status="draft")


@pytest.fixture
def lessons(import_lessons):
    import_lessons(PUBLIC, MEMBERS, DRAFT)


def hints(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.context["hints"]


READERS = {
    "visitor": lambda member_of: None,
    "signed-in": lambda member_of: make_user("someone@example.nhs.uk"),
    "other network's member": lambda member_of: member_of("south-west-km"),
    "member": lambda member_of: member_of("board-leads"),
    "facilitator": lambda member_of: member_of(
        "board-leads", email="lead@example.nhs.uk", role="facilitator"
    ),
    "site editor": lambda member_of: make_site_editor(),
}
MAY_READ_MEMBERS = {"member", "facilitator"}


@pytest.mark.parametrize("reader", READERS)
def test_did_you_mean_offers_only_words_the_reader_may_read(lessons, client, member_of, reader):
    if user := READERS[reader](member_of):
        client.force_login(user)
    assert "venepuncture" in hints(client, "venepunctre")
    assert ("screening" in hints(client, "screning")) == (reader in MAY_READ_MEMBERS)
    assert "tracheostomy" not in hints(client, "tracheostomi")

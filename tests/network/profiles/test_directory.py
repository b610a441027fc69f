"""The member directory: its filters, its pages, and what it says when empty."""

from tests.builders.accounts import make_user
from tests.builders.network import make_profile
from tests.builders.profiles import NAMES


def test_directory_filters(people, client, member_of):
    client.force_login(people["private"].user)
    other = make_profile(
        make_user("north@example.nhs.uk"),
        display_name="Nel North",
        organisation_type="mental_health_trust",
        region="north_west",
    )
    other.training.set(["QSIR practitioner"])
    other.save()
    member_of("board-leads", email="north@example.nhs.uk")
    cases = {
        "?organisation_type=mental_health_trust": {"Nel North"},
        "?region=south_west": set(NAMES.values()),
        "?training=qsir+practitioner": {"Nel North"},
        "?network=south-west-km": set(NAMES.values()),
        "?specialism=members": {"Mo Membersonly"},
        "?q=nel": {"Nel North"},
        "?q=librarian&region=south_west&specialism=private": {"Pat Private"},
    }
    everyone = set(NAMES.values()) | {"Nel North"}
    for query, names in cases.items():
        html = client.get("/members/" + query).content.decode()
        assert {name for name in everyone if name in html} == names, query
    html = client.get("/members/?q=nobody-like-this").content.decode()
    assert "Nobody matches" in html


def test_directory_paginates(db, client):
    for n in range(25):
        make_profile(make_user(f"p{n:02}@example.nhs.uk"), display_name=f"Person {n:02}")
    first = client.get("/members/").content.decode()
    assert "Person 00" in first and "Person 20" not in first
    assert "Page 2 of 2" in first
    assert "Person 24" in client.get("/members/?page=2").content.decode()


def test_empty_directory(db, client):
    assert "Nobody has shared a profile yet." in client.get("/members/").content.decode()

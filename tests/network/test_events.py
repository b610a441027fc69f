"""Events: UK times either side of a clock change, calendars, and who may see them."""

import datetime
import re

import pytest
from icalendar import Calendar

from tests.builders.accounts import make_user
from tests.builders.network import LONDON, make_profile
from tests.builders.pages import text_of

WINTER = datetime.datetime(2026, 12, 10, 13, 0, tzinfo=LONDON)  # GMT, UTC+0
SUMMER = datetime.datetime(2027, 3, 30, 13, 0, tzinfo=LONDON)  # BST, UTC+1, after 28 March


def test_times_are_shown_in_uk_time_across_the_clock_change(networks, add_event, client):
    winter = add_event(networks["south-west-km"], "winter-webinar", WINTER)
    summer = add_event(networks["south-west-km"], "spring-webinar", SUMMER)
    assert winter.start.astimezone(datetime.UTC).hour == 13
    assert summer.start.astimezone(datetime.UTC).hour == 12
    for event, day in [(winter, "Thursday 10 December 2026"), (summer, "Tuesday 30 March 2027")]:
        text = re.sub(r"<[^>]+>", "", client.get(event.url).content.decode())
        assert f"{day}, 1:00 p.m. to 2:00 p.m. (UK time)" in text, event.slug


def test_an_events_calendar_file_parses_with_a_standard_parser(networks, add_event, client):
    event = add_event(networks["south-west-km"], "spring-webinar", SUMMER, hours=2)
    response = client.get(event.url + "calendar/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="spring-webinar.ics"' in response["Content-Disposition"]
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.get("summary") == "Spring webinar"
    assert entry.decoded("dtstart") == SUMMER
    assert entry.decoded("dtend") == SUMMER + datetime.timedelta(hours=2)
    assert entry.get("url").endswith("/networks/south-west-km/spring-webinar/")


def test_a_networks_feed_lists_its_events(networks, add_event, client):
    add_event(networks["south-west-km"], "winter-webinar", WINTER)
    add_event(networks["south-west-km"], "spring-webinar", SUMMER)
    add_event(networks["board-leads"], "board-only", WINTER)
    response = client.get("/networks/south-west-km/calendar/")
    titles = [e.get("summary") for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert titles == ["Winter webinar", "Spring webinar"]
    # Calendar apps fetch feeds without signing in: members-only networks have none.
    assert client.get("/networks/board-leads/calendar/").status_code == 404


def test_upcoming_and_past_events_on_the_network_page(networks, add_event, client):
    now = datetime.datetime.now(tz=LONDON)
    add_event(
        networks["south-west-km"],
        "last-month",
        now - datetime.timedelta(days=30),
        recording_url="https://example.org/recording",
    )
    add_event(networks["south-west-km"], "next-month", now + datetime.timedelta(days=30))
    html = client.get("/networks/south-west-km/").content.decode()
    upcoming, past = html.split("Past events")
    assert "Next month" in upcoming and "Last month" not in upcoming
    assert "Last month" in past


def test_a_past_event_offers_its_recording(networks, add_event, client):
    event = add_event(
        networks["south-west-km"],
        "last-month",
        datetime.datetime(2025, 1, 15, 10, tzinfo=LONDON),
        recording_url="https://example.org/recording",
    )
    assert "Watch the recording" in client.get(event.url).content.decode()


def test_a_members_only_networks_events_are_for_its_members(networks, add_event, client, member_of):
    event = add_event(networks["board-leads"], "board-only", WINTER)
    assert client.get(event.url).status_code == 404
    assert client.get(event.url + "calendar/").status_code == 404
    client.force_login(make_user("outsider@example.nhs.uk"))
    assert client.get(event.url).status_code == 404
    assert "Board only" not in client.get("/networks/board-leads/").content.decode()
    client.force_login(member_of("board-leads"))
    assert client.get(event.url).status_code == 200
    assert "Board only" in client.get("/networks/board-leads/").content.decode()


def test_an_event_must_end_after_it_starts(networks):
    from django.core.exceptions import ValidationError

    from network.models import EventPage

    event = EventPage(
        title="Backwards", slug="backwards", start=SUMMER, end=WINTER, description="x", online=False
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "The event must end after it starts." in error.value.message_dict["end"]
    assert "Give a venue for an in-person event." in error.value.message_dict["venue"]


SPEAKERS = {"everyone": "Pia Public", "members": "Mo Membersonly", "private": "Hal Hidden"}


@pytest.mark.parametrize(
    ("reader", "named"),
    [
        ("anonymous", {"everyone"}),
        ("signed-in", {"everyone", "members"}),
        ("owner of the private profile", {"everyone", "members", "private"}),
    ],
)
def test_speakers_are_named_only_to_those_who_may_see_their_profiles(
    networks, add_event, client, member_of, reader, named
):
    from network.models import EventSpeaker

    profiles = {
        visibility: make_profile(
            make_user(f"{visibility}@example.nhs.uk"), visibility, display_name=name
        )
        for visibility, name in SPEAKERS.items()
    }
    member_of("south-west-km", email="members@example.nhs.uk")
    event = add_event(networks["south-west-km"], "talks", WINTER)
    event.speakers = [
        EventSpeaker(name=name, role=f"{name} role at Westbrook", profile=profiles[visibility])
        for visibility, name in SPEAKERS.items()
    ] + [EventSpeaker(name="Gus Guest", role="Visiting professor")]
    event.save_revision().publish()
    if reader == "signed-in":
        client.force_login(make_user("reader@example.nhs.uk"))
    elif reader == "owner of the private profile":
        client.force_login(profiles["private"].user)
    html = client.get(event.url).content.decode()
    for visibility, name in SPEAKERS.items():
        profile = profiles[visibility]
        shown = visibility in named
        # Neither the editor's typed name and role nor a link give away a hidden profile.
        assert (name in html) == shown, name
        assert (f"{name} role" in html) == shown, name
        assert (f'<a href="/members/{profile.pk}/">{name}</a>' in html) == shown, name
    if "members" not in named:
        assert "<li>A member of South West KM Network</li>" in html
    if "private" not in named:
        assert "<li>A member of this site</li>" in html
    assert "Gus Guest, Visiting professor" in html  # a guest without a profile, as typed


def test_who_an_event_is_for_is_said_once(networks, add_event, client):
    event = add_event(
        networks["south-west-km"], "for-leads", SUMMER, audience="anyone leading a network"
    )
    text = text_of(client.get(event.url))
    assert "For anyone leading a network" in text and "For: " not in text


@pytest.mark.parametrize("audience", ["For: anyone leading a network", " for:leads"])
def test_the_editor_leaves_for_out_of_who_an_event_is_for(networks, audience):
    from django.core.exceptions import ValidationError

    from network.models import EventPage

    event = EventPage(title="Webinar", start=SUMMER, end=SUMMER, audience=audience)
    event.end += datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        event.clean()
    assert refused.value.message_dict["audience"] == [
        "Leave out “For:”: the page puts it in front of who it is for."
    ]


def test_only_events_still_to_come_offer_a_calendar_file(networks, add_event, client):
    now = datetime.datetime.now(tz=LONDON)
    past = add_event(networks["south-west-km"], "last-month", now - datetime.timedelta(days=30))
    upcoming = add_event(networks["south-west-km"], "next-month", now + datetime.timedelta(days=30))
    assert "Add to your calendar" not in text_of(client.get(past.url))
    assert "Add to your calendar" in text_of(client.get(upcoming.url))
    coming, gone = text_of(client.get("/networks/south-west-km/")).split("Past events")
    assert "Add Next month to your calendar" in coming
    assert "to your calendar" not in gone

"""SITE_URL: the address in every absolute link the site gives out."""

import datetime
import json
import zoneinfo

from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Site

import feedparser
import pytest
from icalendar import Calendar

from config.settings.base import site_url
from home import site_tree as tree
from network.models import EventPage, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member

SITE = "https://knowledge.example.nhs.uk"


@pytest.fixture
def published_site(settings, db):
    settings.SITE_URL = SITE
    tree.import_lessons(document(lesson()))
    network = NetworkPage.objects.get(slug="south-west-km")
    start = datetime.datetime(2027, 3, 30, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    event = EventPage(
        title="Spring webinar",
        slug="spring-webinar",
        start=start,
        end=start + datetime.timedelta(hours=1),
        description="A webinar for network leads.",
    )
    network.add_child(instance=event)
    event.save_revision().publish()


def test_sitemap_urls_carry_the_site_url(published_site, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{SITE}/lessons/discharge-huddles/</loc>" in sitemap
    assert "localhost" not in sitemap


def test_calendar_urls_carry_the_site_url(published_site, client):
    network = "/networks/south-west-km/"
    for path in [f"{network}calendar/", f"{network}spring-webinar/calendar/"]:
        response = client.get(path)
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert event.get("url") == f"{SITE}/networks/south-west-km/spring-webinar/"
        assert b"localhost" not in response.content


@pytest.fixture
def stale_site(published_site):
    """The Site record left at another address, as before `migrate` moves it to SITE_URL."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    Site.clear_site_root_paths_cache()


def test_sitemap_feeds_calendars_the_api_and_emails_all_give_site_url_whatever_the_site_says(
    stale_site, client, django_capture_on_commit_callbacks
):
    lesson_url = f"{SITE}/lessons/discharge-huddles/"
    assert f"<loc>{lesson_url}</loc>" in client.get("/sitemap.xml").content.decode()
    for suffix in ["", "atom/"]:
        feed = feedparser.parse(client.get(f"/feeds/lessons/{suffix}").content)
        assert feed.feed.link == f"{SITE}/lessons/", suffix
        assert [entry.link for entry in feed.entries] == [lesson_url], suffix
    feed = json.loads(client.get("/feeds/networks/south-west-km/json/").content)
    assert feed["home_page_url"] == f"{SITE}/networks/south-west-km/"
    assert feed["feed_url"] == f"{SITE}/feeds/networks/south-west-km/json/"
    assert [item["url"] for item in feed["items"]] == [lesson_url]
    [event] = Calendar.from_ical(client.get("/networks/south-west-km/calendar/").content).walk(
        "VEVENT"
    )
    assert event.get("url") == f"{SITE}/networks/south-west-km/spring-webinar/"
    [found] = client.get("/api/lessons/search/?q=huddles").json()["results"]
    assert found["url"] == lesson_url

    facilitator = make_member("board-leads", "lead@example.nhs.uk", role="facilitator")
    network = NetworkPage.objects.get(slug="board-leads")
    with django_capture_on_commit_callbacks(execute=True):
        network.ask_to_join(make_user("asker@example.nhs.uk"))
    [email] = mail.outbox
    assert email.to == [facilitator.email]
    assert f"{SITE}/networks/board-leads/requests/" in email.body
    assert "localhost" not in email.body


def test_an_events_uid_is_the_same_through_any_host_name(published_site, client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "knowledge.example.nhs.uk"]
    event = EventPage.objects.get(slug="spring-webinar")
    uids = set()
    for host in ["testserver", "localhost", "knowledge.example.nhs.uk"]:
        for path in ["/networks/south-west-km/calendar/", f"{event.url}calendar/"]:
            calendar = Calendar.from_ical(client.get(path, headers={"host": host}).content)
            uids |= {entry.get("uid") for entry in calendar.walk("VEVENT")}
    assert uids == {f"event-{event.pk}@knowledge.example.nhs.uk"}


def test_the_site_is_created_where_make_run_serves_by_default(site_tree):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")


def test_a_site_made_before_site_url_was_set_moves_to_it(site_tree, settings, client):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    settings.SITE_URL = SITE
    site = tree.move_default_site_to_site_url()
    assert (site.hostname, site.port, site.root_url) == ("knowledge.example.nhs.uk", 443, SITE)
    assert f"<loc>{SITE}/lessons/</loc>" in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    "value",
    ["knowledge.example.nhs.uk", "ftp://example.org", "https://example.org/site", "http://:80"],
)
def test_a_site_url_that_is_not_an_address_is_refused_by_name(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be the site's address"):
        site_url(value)


def test_a_site_url_keeps_its_port_and_loses_a_trailing_slash():
    assert site_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert site_url("https://knowledge.example.nhs.uk") == SITE

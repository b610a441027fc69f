"""Page metadata (core/metadata.py): lesson, network, event and theme pages give their title,
description, canonical link, Open Graph and Twitter card tags and, where their type defines
one, JSON-LD, with addresses from SITE_URL; a page an anonymous reader may not read gives none,
nor does a draft being previewed or a route below a page (issue 14)."""

import datetime
import json
import zoneinfo
from html.parser import HTMLParser

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from lessons.models import LessonPage
from network.models import EventPage, Membership, NetworkPage, Profile
from themes.models import ThemeIndexPage, ThemePage

SITE = "https://knowledge.example.nhs.uk"
SCRIPT_TITLE = '</script><script>alert(1)</script> & <b>"huddles"</b>'
LONDON = zoneinfo.ZoneInfo("Europe/London")


def lesson(slug, title, **fields):
    return {
        "slug": slug,
        "title": title,
        "summary": f"{title}: what a ward learned.",
        "network": "south-west-km",
        "themes": ["huddles", "patient flow"],
        "maturity": [{"dimension": "qiof-2", "level": 2}],
        **fields,
    }


def person(email, **fields):
    user = User.objects.create_user(email=email, password="a-long-password-7", **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def event(network, slug, title, **fields):
    start = datetime.datetime(2027, 3, 30, 13, 0, tzinfo=LONDON)
    page = EventPage(
        title=title,
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=2),
        description=f"{title}: an afternoon for network leads.",
        **fields,
    )
    network.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def site(module_lessons):
    module_lessons(
        lesson("discharge-huddles", "Daily discharge huddles", date="2025-03-01"),
        lesson("board-secret", "Board evidence", visibility="members", network="board-leads"),
        lesson("script-title", SCRIPT_TITLE),
    )
    # Written by someone whose profile nobody may see: nothing of them reaches the metadata.
    hidden = person("hal.hidden@example.nhs.uk")
    Profile.objects.create(user=hidden, display_name="Hal Hidden", visibility="private")
    LessonPage.objects.filter(slug="discharge-huddles").update(owner=hidden)
    public, members_only = (
        NetworkPage.objects.get(slug=s) for s in ("south-west-km", "board-leads")
    )
    event(public, "spring-webinar", "Spring webinar", online=True)
    event(public, "leads-day", "Leads' day", online=False, venue="Exeter Library, Room 2")
    event(members_only, "board-roundtable", "Board roundtable", online=True)
    theme = ThemePage(title="Huddles", slug="huddles", introduction="Short daily meetings.")
    ThemeIndexPage.objects.get().add_child(instance=theme)
    theme.save_revision().publish()
    member = person("board.member@example.nhs.uk")
    Membership.objects.create(network=members_only, user=member)
    return {"member": member}


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE


class Head(HTMLParser):
    """The metadata a page gives: its description, Open Graph and Twitter tags by name, its
    canonical link, and the text of each script element by its type."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.canonical, self.scripts, self._script = {}, None, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name") or ""
        if tag == "meta" and (key == "description" or key.startswith(("og:", "twitter:"))):
            self.tags[key] = attrs["content"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "script":
            self._script = [attrs.get("type"), ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None

    @property
    def json_ld(self):
        found = [text for kind, text in self.scripts if kind == "application/ld+json"]
        assert len(found) <= 1
        return json.loads(found[0]) if found else None

    @property
    def is_empty(self):
        return not self.tags and self.canonical is None and self.json_ld is None


def head_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return Head(response.content.decode())


# (address, og:type, description, @type of its JSON-LD or None)
PAGES = {
    "lesson": (
        "/lessons/discharge-huddles/",
        "article",
        "Daily discharge huddles: what a ward learned.",
        "Article",
    ),
    "network": ("/networks/south-west-km/", "website", "Sharing what works.", "Organization"),
    "event": (
        "/networks/south-west-km/spring-webinar/",
        "website",
        "Spring webinar: an afternoon for network leads.",
        "Event",
    ),
    "theme": ("/themes/huddles/", "website", "Short daily meetings.", None),
}


@pytest.mark.parametrize("kind", PAGES)
def test_each_page_type_gives_an_anonymous_reader_its_tags_with_the_site_address(
    site, site_url, client, kind
):
    path, og_type, description, json_ld_type = PAGES[kind]
    head = head_of(client, path)
    title = client.get(path).content.decode().split("<title>")[1].split(" – ")[0]
    assert head.canonical == f"{SITE}{path}"
    assert head.tags == {
        "description": description,
        "og:type": og_type,
        "og:site_name": "Knowledge Mobilisation Network",
        "og:locale": "en_GB",
        "og:title": title,
        "og:description": description,
        "og:url": f"{SITE}{path}",
        "twitter:card": "summary",
        "twitter:title": title,
        "twitter:description": description,
    }
    if json_ld_type is None:
        assert head.json_ld is None
    else:
        assert head.json_ld["@context"] == "https://schema.org"
        assert head.json_ld["@type"] == json_ld_type
        assert head.json_ld["url"] == f"{SITE}{path}"
        assert head.json_ld["name"] == title
        assert head.json_ld["description"] == description


def test_a_lessons_json_ld_is_an_article_on_its_themes_and_outcomes_and_names_no_one(
    site, site_url, client
):
    article = head_of(client, "/lessons/discharge-huddles/").json_ld
    published = LessonPage.objects.get(slug="discharge-huddles").first_published_at
    assert article["datePublished"] == published.date().isoformat()
    assert article["genre"] == "Lesson learned"
    assert sorted(article["keywords"]) == ["huddles", "patient flow"]
    [outcome] = [about for about in article["about"] if about["@type"] == "DefinedTerm"]
    assert outcome["@type"] == "DefinedTerm"
    assert outcome["name"].startswith("QIOF Outcome 2 · level 2")
    assert outcome["url"] == f"{SITE}/maturity/outcome/qiof-2/#level-2"
    text = json.dumps(article)
    assert "author" not in article and "Hal" not in text and "hidden" not in text


def test_an_events_json_ld_gives_when_and_where_it_is_and_its_network(site, site_url, client):
    online = head_of(client, "/networks/south-west-km/spring-webinar/").json_ld
    assert online["startDate"] == "2027-03-30T13:00:00+01:00"
    assert online["endDate"] == "2027-03-30T15:00:00+01:00"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {
        "@type": "VirtualLocation",
        "url": f"{SITE}/networks/south-west-km/spring-webinar/",
    }
    assert online["organizer"] == {
        "@type": "Organization",
        "name": "South West KM Network",
        "url": f"{SITE}/networks/south-west-km/",
    }
    in_person = head_of(client, "/networks/south-west-km/leads-day/").json_ld
    assert in_person["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert in_person["location"] == {"@type": "Place", "name": "Exeter Library, Room 2"}


def test_the_editors_promote_title_and_description_come_first(site, site_url, client):
    LessonPage.objects.filter(slug="discharge-huddles").update(
        seo_title="Huddles that cut delays", search_description="Ten minutes at 9am."
    )
    head = head_of(client, "/lessons/discharge-huddles/")
    assert head.tags["og:title"] == head.tags["twitter:title"] == "Huddles that cut delays"
    assert head.tags["description"] == head.tags["og:description"] == "Ten minutes at 9am."
    assert head.json_ld["description"] == "Ten minutes at 9am."


def test_a_script_looking_title_is_escaped_in_the_tags_and_the_json_ld(site, client):
    html = client.get("/lessons/script-title/").content.decode()
    head = Head(html)
    assert head.tags["og:title"] == head.tags["twitter:title"] == SCRIPT_TITLE
    [(_, raw)] = [(kind, text) for kind, text in head.scripts if kind == "application/ld+json"]
    assert not {"<", ">", "&"} & set(raw)
    assert json.loads(raw)["name"] == SCRIPT_TITLE
    assert "<script>alert(1)" not in html


def test_a_members_only_lesson_viewed_by_a_member_gives_no_metadata(site, client):
    client.force_login(site["member"])
    head = head_of(client, "/lessons/board-secret/")
    assert head.is_empty, head.tags


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_a_members_only_networks_page_and_events_give_no_metadata(site, client, reader):
    if reader == "member":
        client.force_login(site["member"])
    assert head_of(client, "/networks/board-leads/").is_empty
    if reader == "member":
        assert head_of(client, "/networks/board-leads/board-roundtable/").is_empty
    else:
        assert client.get("/networks/board-leads/board-roundtable/").status_code == 404


def test_a_draft_being_previewed_gives_no_metadata(site, client):
    lesson = LessonPage.objects.get(slug="discharge-huddles")
    lesson.title = "Daily discharge huddles, a draft"
    lesson.save_revision()
    preview = lesson.get_latest_revision_as_object().make_preview_request()
    html = preview.content.decode()
    assert "Daily discharge huddles, a draft" in html
    assert Head(html).is_empty


def test_the_share_forms_preview_of_a_published_lessons_edit_gives_no_metadata(site, client):
    lesson = LessonPage.objects.get(slug="discharge-huddles")
    client.force_login(lesson.owner)
    html = client.get(reverse("lessons:share_preview", args=[lesson.pk])).content.decode()
    assert "Daily discharge huddles" in html
    assert Head(html).is_empty


def test_a_route_below_a_page_gives_none_of_the_pages_metadata(site, client):
    client.force_login(site["member"])
    assert head_of(client, "/lessons/discharge-huddles/apply/").is_empty


def test_a_page_behind_wagtails_privacy_setting_gives_no_metadata(site, client):
    theme = ThemePage.objects.get(slug="huddles")
    PageViewRestriction.objects.create(page=theme, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(site["member"])
    assert head_of(client, "/themes/huddles/").is_empty


def test_an_event_of_an_unpublished_network_gives_no_metadata_even_to_an_editor(site, client):
    NetworkPage.objects.get(slug="south-west-km").unpublish()
    client.force_login(person("editor@example.nhs.uk", is_staff=True, is_superuser=True))
    assert head_of(client, "/networks/south-west-km/spring-webinar/").is_empty

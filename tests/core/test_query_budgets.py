"""The query budget of every page type, for a visitor and for a signed-in member of the page's
network: the one place each page's count is pinned (one of every page type comes from
tests/builders/every_page.py, so a new page type fails here until it has a budget). Each
request is made once before it is counted, so Wagtail's site-root cache is warm, as it is
for every request but the first. A budget is a ceiling: a page that asks less passes; a page
that asks more must say why, here.

Pins of how a page's cost does not grow with what it shows live beside that behaviour and
are not repeated here: the lesson page with its team and factors (tests/lessons/
test_pages.py) and its applications (tests/lessons/applications/test_lesson_page.py), the
network and profile pages and the directory with their members (tests/network/
test_pages.py), the home page with applied lessons (tests/search/test_applied_own_lessons.py)
and a member's drafts (tests/home/test_member_home.py), /lessons/ a page further on
(tests/lessons/test_pages.py), the share form's check page (tests/lessons/
test_sharing_related.py) and the API's search (tests/search/test_search.py)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from network.models import Profile
from tests.builders.every_page import one_of_each_page_type
from tests.builders.lessons import applied, lesson
from tests.builders.network import make_member, make_profile

# (visitor, member) for each page type, as counted on SQLite. Every Wagtail page pays for
# serving it (the site, the page and its specific row, Wagtail's privacy settings along its
# path), its metadata (core/metadata.py) and the header's links (home.context_processors);
# a signed-in member pays for their session and account, and for their networks wherever a
# read rule asks for them, on every page.
# Every Wagtail page asks one to three fewer since 057dad5: its breadcrumbs come from the parents
# routing read (home.templatetags.site_tags.breadcrumb_trail), its metadata reads the privacy
# settings that serving it read (PageMetadata.get_view_restrictions), and a section's child is
# read as its one type in one query (core.pages.SectionIndexPage.route).
# Three fewer again since then (each count below was three more): the site, its home page
# as its own type, the sites' root paths and the header's links are kept in each process
# (core/routing.py), which asks instead for one routing version from the shared cache.
# And three fewer again (one for the home page): the section a page is under is kept
# with them (HomePage.route), and a page routed through them knows all its ancestors, so
# Wagtail's privacy check reads the restrictions alone, not the ancestors' rows first.
BUDGETS = {
    # Recent (6) and most applied (5) lessons, each with its themes and maturity links, both
    # read in order from an index (LessonPage.Meta.indexes, the stored applied_count); the case
    # study of the month; a member's own home (drafts, reviews, follows: home/member_home.py).
    "HomePage": (9, 18),
    # The networks, with their member counts.
    "NetworkIndexPage": (3, 7),
    # Its members, lessons (with links), events, resources, questions, the lessons its
    # facilitators asked for; for a member, whether they may ask, join and share. (25 and 33
    # before: /networks/ routes to a network in one query, and lesson cards, which show no
    # themes, no longer read them.) A member's networks read once for its lessons, whether
    # they may share with it and whether they may ask it (26 for a member before).
    "NetworkPage": (15, 21),
    # The event and whether its network shares its events with the reader. (17 and 21 before:
    # its network routed in one query, and the site's roots read once, not again for its
    # JSON-LD.) A resource and a summary save the network's query too (16 and 20 before).
    "EventPage": (7, 11),
    "ResourcePage": (7, 11),
    "ResearchSummaryPage": (7, 11),
    # A page of lessons (12) with their themes and links, the count, and the themes to filter
    # by (each tag asks for one readable lesson of its own); the reader's networks asked once
    # for the lessons and the themes (21 for a member before).
    "LessonIndexPage": (7, 12),
    # The lesson, its team, maturity links, themes and related links (prefetched once onto it:
    # the page, its JSON-LD, the themes that list it and the similar box each read them: 30
    # and 38 before), authors' profiles, applications and their appliers' profiles, useful
    # marks, evidence files, comments, the kept similar lessons; for a member, whether they
    # may correct it and moderate its comments. The profiles of its champion, co-authors and
    # appliers in one query, after one of its co-authors' ids (two plain queries cost less CPU
    # than one with a subquery and an EXISTS per profile); whether it is learned from its
    # applications; a member's networks and whether they facilitate its network asked once;
    # its network read with it when routed to (LessonIndexPage.child_related) (27 and 35 before).
    "LessonPage": (16, 22),
    "ThemeIndexPage": (3, 7),
    # Hand-picked, then tagged pages of three kinds, each with its own read rule; a member's
    # networks asked once for the picks and the tagged lessons (36 before).
    "ThemePage": (20, 26),
    "CampaignIndexPage": (3, 7),
    # Its news, quotes, materials, pledge count and milestones, and its case studies.
    "CampaignPage": (13, 21),
    "CampaignNewsPage": (5, 9),
    # The case studies' impact added up, and the month's pick.
    "ImpactIndexPage": (13, 18),
}
# Pages that are Django views, not Wagtail pages. (10/15, 7/12 and 23/29 before the last round
# of changes: counted again with them all together; no one of them alone lowered these.)
VIEWS = {
    # A profile anyone may see, with its memberships, tags and lessons.
    "profile": (8, 13),
    # The people directory.
    "/members/": (6, 11),
    # A search that finds lessons: facets (one query for all of them), other results,
    # editors' picks, insights. (25, 31 before the facets' known values were read once.)
    "/search/?q=huddles": (21, 27),
}


@pytest.fixture(scope="module")
def site(module_lessons):
    module_lessons(
        lesson(),
        lesson(slug="bed-boards", title="Bed boards"),
        lesson(slug="board-only", network="board-leads", visibility="members"),
    )
    applied("discharge-huddles", times=2, result="worked")
    member = make_member("south-west-km", "member@example.nhs.uk")
    make_profile(member)
    pages = {type(page.specific).__name__: page.url for page in one_of_each_page_type()}
    views = {
        "profile": Profile.objects.get(user=member).get_absolute_url(),
        "/members/": "/members/",
        "/search/?q=huddles": "/search/?q=huddles",
    }
    return pages, views, member


def queries(client, url):
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def reader(member, who):
    client = Client()
    if who == "member":
        client.force_login(member)
    return client


@pytest.mark.parametrize("who", ["visitor", "member"])
@pytest.mark.parametrize("page_type", BUDGETS)
def test_every_page_type_keeps_to_its_query_budget(site, page_type, who):
    pages, _, member = site
    budget = BUDGETS[page_type][who == "member"]
    assert queries(reader(member, who), pages[page_type]) <= budget


@pytest.mark.parametrize("who", ["visitor", "member"])
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_keeps_to_its_query_budget(site, view, who):
    _, views, member = site
    budget = VIEWS[view][who == "member"]
    assert queries(reader(member, who), views[view]) <= budget


def test_every_page_type_has_a_budget(site):
    pages, _, _ = site
    assert set(pages) == set(BUDGETS)

"""Caching never shows one reader's view to another: for each person and each page type (one of
every page type, tests/builders/every_page.py, with the members-only and person-specific pages
beside them), the page served from a cache warmed by every other person equals the page the
person is given with caching off (the CSRF token aside)."""

import re

from django.test import Client, override_settings

import pytest
from allauth.account.models import EmailAddress

from core import page_cache
from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.every_page import one_of_each_page_type
from tests.builders.lessons import applied, lesson
from tests.builders.network import make_member, make_profile

PEOPLE = (
    "anonymous",
    "member",
    "non-member",
    "facilitator",
    "owner of a hidden profile",
    "unverified member",
)
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
NOT_FOUND_EITHER_WAY = (301, 302, 403, 404)


@pytest.fixture(scope="module")
def site(module_lessons):
    module_lessons(
        lesson(),
        lesson(
            slug="board-secret",
            title="Board secret",
            visibility="members",
            network="board-leads",
            themes=["huddles"],
        ),
    )
    applied("discharge-huddles")
    member = make_member("board-leads", "member@example.nhs.uk")
    make_member("south-west-km", "member@example.nhs.uk")
    make_profile(member, display_name="Mia Member", visibility="members")
    make_user("outsider@example.nhs.uk")
    facilitator = make_member("board-leads", "lead@example.nhs.uk", role="facilitator")
    make_profile(facilitator, display_name="Fay Facilitator")
    hidden = make_member("south-west-km", "hidden@example.nhs.uk")
    hidden_profile = make_profile(hidden, display_name="Hana Hidden", visibility="private")
    unverified = make_member("board-leads", "unverified@example.nhs.uk")
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    urls = [page.url for page in one_of_each_page_type()]
    urls += [
        LessonPage.objects.get(slug="board-secret").url,
        NetworkPage.objects.get(slug="board-leads").url,
        f"/members/{hidden_profile.pk}/",
        f"/members/{member.profile.pk}/",
        "/members/",
        "/search/?q=huddles",
        "/search/similar/",
        "/lessons/?sort=applied",
    ]
    emails = {
        "member": "member@example.nhs.uk",
        "non-member": "outsider@example.nhs.uk",
        "facilitator": "lead@example.nhs.uk",
        "owner of a hidden profile": "hidden@example.nhs.uk",
        "unverified member": "unverified@example.nhs.uk",
    }
    return {"urls": urls, "emails": emails}


def client_for(site, person):
    client = Client()
    if person != "anonymous":
        from accounts.models import User  # noqa: PLC0415

        client.force_login(User.objects.get(email=site["emails"][person]))
    return client


def seen(client, url, cached=True):
    response = client.get(url)
    assert cached or "X-Page-Cache" not in response
    if response.status_code in NOT_FOUND_EITHER_WAY:
        return response.status_code, response.get("Location", "")
    assert response.status_code == 200, (url, response.status_code)
    return 200, CSRF.sub(r"\1…\2", response.content.decode())


@pytest.mark.parametrize("person", PEOPLE)
def test_a_page_from_a_cache_warmed_by_everyone_else_is_the_page_without_caching(site, person):
    reader = client_for(site, person)
    with override_settings(PAGE_CACHE_SECONDS=0):
        uncached = {url: seen(reader, url, cached=False) for url in site["urls"]}
    with override_settings(PAGE_CACHE_SECONDS=600):
        page_cache.store().clear()
        for other in PEOPLE:
            if other != person:
                warmer = client_for(site, other)
                for url in site["urls"]:
                    warmer.get(url)
        cached = {url: seen(reader, url) for url in site["urls"]}
    differ = [url for url in site["urls"] if cached[url] != uncached[url]]
    assert not differ, f"{person} was shown another reader's page at {differ}"


def test_visitors_were_served_kept_copies(site):
    """The test above would pass with nothing cached: here every page a visitor may read is
    kept, unless it sets a cookie (a form's CSRF token)."""
    with override_settings(PAGE_CACHE_SECONDS=600):
        page_cache.store().clear()
        first = {url: Client().get(url) for url in site["urls"]}
        keepable = [u for u, r in first.items() if r.status_code == 200 and not r.cookies]
        kept = [url for url in keepable if Client().get(url).get("X-Page-Cache") == "hit"]
    assert kept == keepable
    assert len(kept) >= len(site["urls"]) - 5

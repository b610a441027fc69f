"""The sitemap is fetched without signing in: it lists what anyone may read, and nothing of a
members-only network's events, resources or research summaries."""

import pytest


@pytest.fixture(scope="module")
def sitemap(children, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("slug", ["open-event", "open-resource", "open-summary"])
def test_a_public_networks_pages_are_in_the_sitemap(sitemap, slug):
    assert f"/networks/south-west-km/{slug}/</loc>" in sitemap


@pytest.mark.parametrize("slug", ["board-event", "board-resource", "board-summary"])
def test_a_members_only_networks_pages_are_not_in_the_sitemap(sitemap, slug):
    assert slug not in sitemap


@pytest.mark.parametrize("prefix", ["unpublished", "unpublished-members"])
@pytest.mark.parametrize("kind", ["event", "resource", "summary"])
def test_an_unpublished_networks_pages_are_not_in_the_sitemap(sitemap, prefix, kind):
    assert f"/{prefix}-{kind}/" not in sitemap


def test_drafts_are_not_in_the_sitemap(sitemap):
    assert "draft" not in sitemap

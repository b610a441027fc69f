"""The templates link through the page tree and URL names, never typed paths; say an empty list
the same way everywhere; and name the NHS.UK frontend version in one place."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import clear_script_prefix, set_script_prefix

import pytest

from home.templatetags.site_tags import NHSUK_FRONTEND_VERSION
from network.models import Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.network import make_profile

ROOT = Path(settings.BASE_DIR)
TYPED_PATH = re.compile(r"""(?:href|src|action)=["']/""")


def test_no_template_types_a_site_path():
    typed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if TYPED_PATH.search(line)
    ]
    assert typed == []


def test_the_nhsuk_frontend_version_is_named_in_one_place_and_site_js_imports_it():
    # The files wagtail-nhsuk-frontend ships carry the version: an upgrade that changes it
    # fails here until site_tags.NHSUK_FRONTEND_VERSION follows, and site.js's import with it
    # (a static file cannot ask the constant; an import map would be an inline script).
    for kind in ("css", "js"):
        name = f"wagtailnhsukfrontend/{kind}/nhsuk-frontend-{NHSUK_FRONTEND_VERSION}.min.{kind}"
        assert finders.find(name), name
    named = [
        str(path.relative_to(ROOT))
        for folder in ("templates", "static")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and re.search(r"nhsuk-frontend-\d", path.read_text())
    ]
    assert named == ["static/js/site.js"]
    imported = f'from "../wagtailnhsukfrontend/js/nhsuk-frontend-{NHSUK_FRONTEND_VERSION}.min.js"'
    assert imported in (ROOT / "static/js/site.js").read_text()


@pytest.fixture
def renamed_lessons_index(site_tree):
    _, lessons, _ = site_tree
    lessons.slug = "stories"
    lessons.save_revision().publish()
    return lessons


def test_the_header_and_footer_follow_the_page_tree(renamed_lessons_index, client):
    html = client.get("/networks/").content.decode()
    header = html.split("</header>")[0]
    footer = html.split('<footer class="nhsuk-footer"')[1]
    for part in (header, footer):
        assert re.search(r'href="/stories/"[^>]*>Lessons</a>', part)
        assert 'href="/networks/"' in part
        assert "/lessons/" not in part
    assert 'href="/networks/" aria-current="page"' in header
    assert re.search(r'class="nhsuk-header__service-logo" href="/"', header)


def test_the_header_and_footer_links_follow_the_address_the_site_is_served_under(site_tree, client):
    # Their named addresses are reversed once per process, for each script prefix (which
    # Django's WSGI handler sets from SCRIPT_NAME; its test client does not).
    for prefix in ("", "/kmn", ""):
        set_script_prefix(f"{prefix}/")
        try:
            html = client.get("/networks/").content.decode()
        finally:
            clear_script_prefix()
        assert f'action="{prefix}/search/"' in html
        assert f'href="{prefix}/accounts/login/?next=' in html
        assert f'href="{prefix}/sitemap.xml"' in html


def test_a_lessons_themes_link_to_the_lessons_index_wherever_it_is(
    renamed_lessons_index, import_lessons, client
):
    from tests.builders.lessons import lesson

    import_lessons(lesson())
    html = client.get("/stories/discharge-huddles/").content.decode()
    assert 'href="/stories/?theme=huddles"' in html


@pytest.fixture(scope="module")
def empty_networks(module_lessons):
    """The two networks, with no lessons, events, resources, reviews or profiles."""
    module_lessons()


EMPTY_PAGES = [
    ("/", ["No lessons have been published yet."]),
    ("/lessons/", ["No lessons have been published yet."]),
    ("/lessons/?kind=case_study", ["No lessons match these filters."]),
    (
        "/networks/south-west-km/",
        [
            "No lessons have been shared here yet.",
            "No events are planned yet.",
            "No past events yet.",
            "No resources have been added yet.",
            "The network has not recorded a review of itself yet.",
        ],
    ),
    ("/members/", ["Nobody has shared a profile yet."]),
    ("/members/?q=nobody", ["Nobody matches."]),
    ("/maturity/outcome/qiof-2/", ["No stories are linked to this level yet."]),
    ("/search/?q=nothing", ["No lessons match “nothing”."]),
    ("/search/similar/?q=nothing", ["No lessons match those words."]),
]


def empty_states(html):
    return re.findall(r'<div class="app-empty-state[^"]*">(.*?)</div>', html, re.S)


@pytest.mark.parametrize(("url", "messages"), EMPTY_PAGES)
def test_empty_lists_are_said_with_the_shared_partial(empty_networks, client, url, messages):
    said = " ".join(empty_states(client.get(url).content.decode()))
    for message in messages:
        assert message in said, message


def test_empty_lists_for_signed_in_people_too(empty_networks, client):
    lead = make_user("lead@example.nhs.uk", is_staff=True)
    network = NetworkPage.objects.get(slug="south-west-km")
    Membership.objects.create(network=network, user=lead, role="facilitator")
    reader = make_user("reader@example.nhs.uk")
    profile = make_profile(reader, display_name="Rita Reader")

    client.force_login(reader)
    edit = empty_states(client.get("/members/me/edit/").content.decode())
    assert any(
        'You have not joined a network yet. <a href="/networks/">Browse networks</a>.' in said
        for said in edit
    )
    said = " ".join(empty_states(client.get(profile.get_absolute_url()).content.decode()))
    assert "Not in any network yet." in said and "No lessons shared yet." in said

    client.force_login(lead)
    requests = client.get("/networks/south-west-km/requests/").content.decode()
    assert "There are no requests waiting." in " ".join(empty_states(requests))

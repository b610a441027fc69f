"""What routing keeps in each process (core/routing.py): the site, its home page and the
header's section links are not read from the database on every request, and any change to the
tree or a site, made here or by another process, shows on the next request."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from core import page_cache, routing
from home.models import HomePage
from lessons.models import LessonIndexPage
from network.models import NetworkIndexPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db

HEADER_LINK = 'class="nhsuk-header__navigation-link" href="{}"'


@pytest.fixture
def home(site_tree):
    return site_tree[0]


def served(url="/", **headers):
    response = Client().get(url, **headers)
    assert response.status_code in (200, 404), url
    return response


def test_a_page_served_again_reads_neither_the_site_nor_the_home_page_nor_the_header(home):
    served("/lessons/")
    with CaptureQueriesContext(connection) as captured:
        served("/lessons/")
    read = [query["sql"] for query in captured]
    assert not [sql for sql in read if "wagtailcore_site" in sql or "home_homepage" in sql]
    # The header's sections, read from the page tree by their types:
    assert not [
        sql for sql in read if 'FROM "wagtailcore_page" WHERE ("wagtailcore_page"."live"' in sql
    ]


@pytest.fixture
def huddles(home, import_lessons):
    import_lessons(lesson(slug="huddles", title="Safety huddles"))
    return "/lessons/huddles/"


def test_a_lesson_served_again_reads_neither_its_section_nor_its_ancestors(huddles):
    served(huddles)
    with CaptureQueriesContext(connection) as captured:
        assert "Safety huddles" in served(huddles).text
    read = [query["sql"] for query in captured]
    assert not [sql for sql in read if 'FROM "lessons_lessonindexpage"' in sql]
    # Wagtail's privacy check reads the restrictions alone, not the ancestors' rows first:
    assert not [sql for sql in read if '"wagtailcore_page"."alias_of_id" FROM' in sql]
    assert [sql for sql in read if 'FROM "wagtailcore_pageviewrestriction"' in sql]


@pytest.mark.parametrize("restricted", ["home", "section", "lesson"])
def test_a_privacy_setting_added_to_a_lesson_or_above_it_holds_at_once(huddles, restricted):
    assert served(huddles).status_code == 200
    page = {
        "home": HomePage.objects.get,
        "section": LessonIndexPage.objects.get,
        "lesson": lambda: Page.objects.get(slug="huddles"),
    }[restricted]()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    for client in (Client(), Client()):  # the next request, and the one after it
        response = client.get(huddles)
        assert response.status_code == 302
        assert "Safety huddles" not in response.text
    member = Client()
    member.force_login(make_user("reader@example.nhs.uk"))
    assert "Safety huddles" in member.get(huddles).text
    restriction.delete()
    assert "Safety huddles" in served(huddles).text


def test_an_alias_of_a_restricted_page_is_restricted_as_routing_finds_it(home):
    restricted = ThemeIndexPage.objects.get()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    restricted.create_alias(parent=LessonIndexPage.objects.get(), update_slug="kept-themes")
    assert served("/lessons/").status_code == 200
    assert Client().get("/lessons/kept-themes/").status_code == 302


def test_a_section_published_with_a_new_intro_shows_it_at_once(home):
    served("/lessons/")
    index = LessonIndexPage.objects.get()
    index.intro = "Every lesson the network has learned."
    index.save_revision().publish()
    assert "Every lesson the network has learned." in served("/lessons/").text


def test_what_one_request_sets_on_its_section_page_does_not_reach_the_next(huddles):
    first = served("/lessons/").context["page"]
    first.title = "Changed by a request"
    assert served("/lessons/").context["page"].title == LessonIndexPage.objects.get().title
    assert served(huddles).context["page"].get_parent().title != "Changed by a request"


def test_a_section_unpublished_leaves_the_header_at_once(home):
    assert HEADER_LINK.format("/themes/") in served().text
    ThemeIndexPage.objects.get().unpublish()
    assert HEADER_LINK.format("/themes/") not in served().text
    ThemeIndexPage.objects.get().save_revision().publish()
    assert HEADER_LINK.format("/themes/") in served().text


def test_a_section_renamed_shows_its_new_address_in_the_header_and_routing_at_once(home):
    served()
    index = NetworkIndexPage.objects.get()
    index.slug = "our-networks"
    index.save_revision().publish()
    page = served()
    assert HEADER_LINK.format("/our-networks/") in page.text
    assert HEADER_LINK.format("/networks/") not in page.text
    assert served("/our-networks/").status_code == 200
    assert served("/networks/").status_code == 404


def test_a_section_moved_shows_its_new_address_at_once(home):
    served()
    ThemeIndexPage.objects.get().move(LessonIndexPage.objects.get(), pos="last-child")
    assert HEADER_LINK.format("/lessons/themes/") in served().text
    assert served("/lessons/themes/").status_code == 200


def test_the_home_page_published_shows_at_once(home):
    served()
    home.intro = "A new welcome to the network."
    home.save_revision().publish()
    assert "A new welcome to the network." in served().text


def test_a_site_added_routes_its_host_at_once(home):
    assert served("/", HTTP_HOST="localhost").context["page"].specific_class is HomePage
    Site.objects.create(hostname="localhost", port=80, root_page=LessonIndexPage.objects.get())
    assert served("/", HTTP_HOST="localhost").context["page"].specific_class is LessonIndexPage
    assert served("/").context["page"].specific_class is HomePage


def test_a_change_made_by_another_process_shows_once_it_gives_routing_a_new_version(home):
    served()
    # Another process's publish: the database changes without this process's signals...
    Page.objects.filter(pk=ThemeIndexPage.objects.get().pk).update(live=False)
    # ...and gives routing a new version in the shared cache.
    page_cache.store().set(routing.VERSION_KEY, "elsewhere", timeout=None)
    assert HEADER_LINK.format("/themes/") not in served().text


def test_with_the_shared_cache_emptied_routing_reads_the_tree_afresh(home):
    served()
    Page.objects.filter(pk=ThemeIndexPage.objects.get().pk).update(live=False)
    page_cache.store().clear()
    assert HEADER_LINK.format("/themes/") not in served().text


def test_what_one_request_sets_on_its_home_page_does_not_reach_the_next(home):
    first = served().context["page"]
    first.title = "Changed by a request"
    assert served().context["page"].title == home.title


def test_while_the_shared_cache_is_out_nothing_kept_is_used(home, settings):
    # A cache that answers nothing, as the fail-open caches do while Redis is down.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert HEADER_LINK.format("/themes/") in served().text
    Page.objects.filter(pk=ThemeIndexPage.objects.get().pk).update(live=False)
    assert HEADER_LINK.format("/themes/") not in served().text

"""The fixed top of the page tree: `migrate` builds it, keeps it whole and keeps the Site at
SITE_URL; the importer builds it too; nothing builds it twice."""

import re

from django.apps import apps
from django.core.management import call_command

from wagtail.models import Page, Site, WorkflowPage

from campaigns.models import CampaignIndexPage, ImpactIndexPage
from core.pages import SectionIndexPage
from home.models import HomePage
from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonIndexPage
from network.models import NetworkIndexPage
from tests.builders.lessons import document, lesson
from tests.builders.site import wagtails_placeholder_site
from themes.models import ThemeIndexPage


def test_migrate_builds_the_home_page_and_every_sections_index_from_its_defaults(db, settings):
    # The test database is made by `migrate`: this is what a new site starts with.
    [home] = Page.get_first_root_node().get_children().specific()
    assert isinstance(home, HomePage) and home.url == "/"
    sections = [model for model in apps.get_models() if issubclass(model, SectionIndexPage)]
    assert sections == [
        LessonIndexPage,
        NetworkIndexPage,
        ThemeIndexPage,
        CampaignIndexPage,
        ImpactIndexPage,
    ]
    for model in sections:
        index = model.objects.get()
        assert index.get_parent().specific == home
        assert (index.url, index.title, index.intro) == (
            f"/{model.default_slug}/",
            model.default_title,
            model.default_intro,
        )
    assert HomePage.allowed_subpage_models() == sections
    site = Site.objects.get()
    assert (site.root_page_id, site.is_default_site) == (home.pk, True)
    assert site.root_url == settings.SITE_URL
    review = WorkflowPage.objects.get(page=LessonIndexPage.objects.get()).workflow
    assert review.name == "Network review"


def test_migrate_puts_back_a_missing_section_and_moves_the_site_to_site_url(db, settings):
    pages = set(Page.objects.values_list("pk", flat=True))
    removed = ThemeIndexPage.objects.get().pk
    ThemeIndexPage.objects.get().delete()
    Site.objects.update(hostname="localhost", port=80)
    settings.SITE_URL = "https://knowledge.example.nhs.uk"

    call_command("migrate", verbosity=0)

    themes = ThemeIndexPage.objects.get()
    assert themes.url == "/themes/"
    assert set(Page.objects.values_list("pk", flat=True)) == pages - {removed} | {themes.pk}
    site = Site.objects.get()
    assert (site.hostname, site.port) == ("knowledge.example.nhs.uk", 443)


def test_migrate_leaves_a_lessons_index_with_a_workflow_of_its_own_as_it_is(db):
    index = LessonIndexPage.objects.get()
    WorkflowPage.objects.filter(page=index).update(
        workflow=WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    )
    call_command("migrate", verbosity=0)
    assert WorkflowPage.objects.get(page=index).workflow.name == "Moderators approval"


def test_running_it_again_builds_nothing(db):
    pages = list(Page.objects.order_by("pk").values_list("pk", "path"))
    first = ensure_site_tree()
    assert ensure_site_tree() == first
    assert list(Page.objects.order_by("pk").values_list("pk", "path")) == pages


def test_importing_lessons_into_a_site_without_its_pages_builds_them(db, client):
    wagtails_placeholder_site()
    import_lessons(document(lesson()))
    root = Page.get_first_root_node()
    assert [page.specific_class for page in root.get_children()] == [HomePage]
    assert client.get("/lessons/discharge-huddles/").status_code == 200
    assert client.get("/networks/south-west-km/").status_code == 200
    assert client.get("/themes/").status_code == 200


def test_a_new_site_says_it_has_no_lessons_or_networks_yet(db, client):
    for url, message in [
        ("/", "No lessons have been published yet."),
        ("/lessons/", "No lessons have been published yet."),
        ("/networks/", "There are no networks yet."),
    ]:
        html = client.get(url).content.decode()
        assert re.search(
            rf'<div class="app-empty-state[^"]*">\s*(<span[^>]*>[^<]*</span>)?\s*<p>{message}', html
        ), url

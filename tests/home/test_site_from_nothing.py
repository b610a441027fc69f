"""Contract 6, a site from nothing: under production settings, `migrate` on an empty database is
enough for a working site, at SITE_URL, where a champion shares a lesson and the network's
facilitator is asked to review it. Each step runs in a process of its own, as a deployment
would run it; nothing here builds pages for the site."""

import json

import pytest

from tests.builders.production import SITE_URL, manage

HOST = SITE_URL.removeprefix("https://")

# Run by `manage.py shell -c` on the migrated database: people and a network as an admin would
# make them, then what visitors and a champion do, through HTTP. Production's task worker
# (db_worker) sends the emails.
SHARE_A_LESSON = """
import json
from urllib.parse import urlsplit
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Site, WorkflowPage
from accounts.models import User
from lessons.models import LessonIndexPage, LessonPage
from network.models import Membership, NetworkIndexPage, NetworkPage

HOST = urlsplit(settings.SITE_URL).hostname

def person(email):
    user = User.objects.create_user(email=email, password="a-long-password-for-tests-7")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

facilitator = person("facilitator@example.nhs.uk")
champion = person("champion@example.nhs.uk")
network = NetworkIndexPage.objects.get().add_child(
    instance=NetworkPage(title="South West KM Network", slug="south-west-km", purpose="Sharing.")
)
network.save_revision().publish()
Membership.objects.create(network=network, user=facilitator, role=Membership.Role.FACILITATOR)
Membership.objects.create(network=network, user=champion, role=Membership.Role.MEMBER)

# The mail server is swapped for the in-memory outbox, and static files are named as they are
# (production's names come from collectstatic's manifest, which this checkout has not built).
locmem = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
static = "django.contrib.staticfiles.storage.StaticFilesStorage"
unhashed = {**settings.STORAGES, "staticfiles": {"BACKEND": static}}
with override_settings(MAILERS=locmem, STORAGES=unhashed):
    visitor = Client(HTTP_HOST=HOST)
    status = {
        path: visitor.get(path, secure=True).status_code
        for path in ["/", "/lessons/", "/networks/", "/themes/"]
    }
    sitemap = visitor.get("/sitemap.xml", secure=True).content.decode()

    mail.outbox = []
    client = Client(HTTP_HOST=HOST)
    client.force_login(champion)
    started = client.post(
        reverse("lessons:share"),
        {"network": "south-west-km", "kind": "lesson", "title": "Huddles that stuck",
         "summary": "Fifteen protected minutes made the huddle a habit."},
        secure=True,
    )
    lesson = LessonPage.objects.get(title="Huddles that stuck")
    client.post(
        reverse("lessons:share_factor", args=[lesson.pk, "new"]),
        {"type": "success_factor", "statement": "Protected time", "why-count": "1",
         "why-1-text": "Nobody was called away"},
        secure=True,
    )
    submitted = client.post(reverse("lessons:share_submit", args=[lesson.pk]), secure=True)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

site = Site.objects.get(is_default_site=True)
print("RESULT " + json.dumps({
    "status": status,
    "sitemap": sitemap,
    "site": [site.hostname, site.port, site.root_page.url_path],
    "workflow": WorkflowPage.objects.get(page=LessonIndexPage.objects.get()).workflow.name,
    "started": [started.status_code, started.get("Location", "")],
    "submitted": [submitted.status_code, submitted.get("Location", "")],
    "lesson": [lesson.pk, lesson.network.slug if lesson.network else None],
    "mail": [{"to": m.to, "subject": m.subject, "body": m.body} for m in mail.outbox],
}))
"""


@pytest.fixture(scope="module")
def new_site(tmp_path_factory):
    """A database migrated first to an early target (Wagtail's tables only), then to the end,
    and what happened on it."""
    database = tmp_path_factory.mktemp("from-nothing") / "site.sqlite3"
    early = manage("migrate", "wagtailcore", database=database)
    assert early.returncode == 0, early.stdout + early.stderr
    migrated = manage("migrate", database=database)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    shared = manage("shell", "-c", SHARE_A_LESSON, database=database)
    assert shared.returncode == 0, shared.stdout + shared.stderr
    [result] = [line for line in shared.stdout.splitlines() if line.startswith("RESULT ")]
    return {
        "early": early.stdout,
        "migrated": migrated.stdout,
        **json.loads(result.removeprefix("RESULT ")),
    }


def test_migrate_alone_gives_a_site_at_site_url_where_a_shared_lesson_reaches_its_reviewer(
    new_site,
):
    assert new_site["status"] == {"/": 200, "/lessons/": 200, "/networks/": 200, "/themes/": 200}
    for path in ["/", "/lessons/", "/networks/", "/themes/", "/networks/south-west-km/"]:
        assert f"<loc>{SITE_URL}{path}</loc>" in new_site["sitemap"], path
    assert "localhost" not in new_site["sitemap"]
    assert new_site["site"] == [HOST, 443, "/home/"]
    assert new_site["workflow"] == "Network review"

    pk, network = new_site["lesson"]
    assert network == "south-west-km"
    assert new_site["started"] == [302, f"/lessons/share/{pk}/story/"]
    assert new_site["submitted"] == [302, f"/lessons/share/{pk}/sent/"]
    [review] = new_site["mail"]
    assert review["to"] == ["facilitator@example.nhs.uk"]
    assert review["subject"] == "Please review “Huddles that stuck”"
    assert f"{SITE_URL}/admin/pages/{pk}/edit/" in review["body"]


def test_a_migrate_to_an_early_target_leaves_the_pages_to_the_migrate_that_finishes(new_site):
    assert "Built the site's pages" not in new_site["early"]
    assert "Built the site's pages: /, /lessons/, /networks/, /themes/" in new_site["migrated"]

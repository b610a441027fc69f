"""The database cache's table missing (a deploy that skipped `createcachetable`): every page
still answers, sign-in included, on SQLite and PostgreSQL (core/cache.py fails open)."""

import logging

from django.test import Client, override_settings

import pytest

from config.settings.base import cache_settings
from home import site_tree as tree
from tests.builders.accounts import PASSWORD, make_site_editor, make_user
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document, lesson

# Each request in its own transaction, as in production: on PostgreSQL a failed statement
# inside a test's transaction would end it.
pytestmark = pytest.mark.django_db(transaction=True)

MISSING = {"default": {**cache_settings()["default"], "LOCATION": "no_such_cache_table"}}


@pytest.fixture
def site():
    put_back_shipped_data()
    tree.import_lessons(document(lesson(slug="huddles", title="Safety huddles")))
    make_user("member@example.nhs.uk")
    make_site_editor()


@override_settings(CACHES=MISSING)
def test_with_the_cache_table_missing_every_page_answers_and_people_sign_in(site, caplog):
    visitor = Client(raise_request_exception=False)
    for address in ("/", "/lessons/", "/lessons/huddles/", "/search/?q=huddles"):
        assert visitor.get(address).status_code == 200, address
    assert visitor.get("/accounts/login/").status_code == 200
    for email in ("member@example.nhs.uk", "editor@example.nhs.uk"):
        signed_in = Client(raise_request_exception=False)
        response = signed_in.post("/accounts/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, email
        assert signed_in.get("/").context["user"].email == email
    assert signed_in.get("/admin/").status_code == 200
    assert signed_in.get("/lessons/huddles/").status_code == 200
    outages = [r for r in caplog.records if r.name == "core.cache" and r.levelno >= logging.ERROR]
    assert len(outages) == 1 and not outages[0].exc_info

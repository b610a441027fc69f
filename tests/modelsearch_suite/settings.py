"""modelsearch's own test settings (its test app, from the installed package), with the
project's search backend (core/search_backend.py) swapped in as config/settings/base.py
configures it, on the database DATABASE_URL names (SQLite in memory without it)."""

import os
from pathlib import Path

from modelsearch.test.settings import *  # noqa: F403

import dj_database_url

DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite:///:memory:"))}
ON_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# No admin and no templates: the backend tests render nothing, and Django's template engine
# would import every installed app's template tags (core's need the whole site).
LEFT_OUT = ("django.contrib.admin", "django.contrib.postgres")
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in LEFT_OUT]  # noqa: F405
if ON_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
INSTALLED_APPS.append("tests.modelsearch_suite.apps.ThesaurusOnly")
TEMPLATES = []
# The suite's fixture (search.json), which the installed package does not ship: see
# scripts/modelsearch-suite.
FIXTURE_DIRS = (
    [Path(os.environ["MODELSEARCH_FIXTURES"])] if "MODELSEARCH_FIXTURES" in os.environ else []
)
BACKEND = {"BACKEND": "core.search_backend"}
if ON_POSTGRES:
    BACKEND["SEARCH_CONFIG"] = "english_all_words"  # as config/settings/base.py
MODELSEARCH_BACKENDS = {"default": BACKEND}

"""modelsearch's own backend tests (the package's, at the version requirements.lock pins),
with the project's backend in place of modelsearch's: on SQLite its SQLite backend's tests,
on PostgreSQL its PostgreSQL backend's. Run by scripts/modelsearch-suite (not by pytest: the
suite has settings of its own, tests/modelsearch_suite/settings.py)."""

from django.conf import settings
from django.test.utils import override_settings

from modelsearch.tests import test_postgres_backend, test_sqlite_backend

OURS = "core.search_backend"


@override_settings(MODELSEARCH_BACKENDS=settings.MODELSEARCH_BACKENDS)
class OurBackendOnSQLite(test_sqlite_backend.TestSQLiteSearchBackend):
    backend_path = OURS


@override_settings(MODELSEARCH_BACKENDS=settings.MODELSEARCH_BACKENDS)
class OurBackendOnPostgreSQL(test_postgres_backend.TestPostgresSearchBackend):
    backend_path = OURS

"""/health/live/ asks nothing; /health/ready/ asks the database, the cache and the search
backend, is 503 only without the database, and says "degraded" when the site can carry on."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from config.settings.base import cache_settings
from tests.builders.redis import free_port

ROOT = Path(__file__).resolve().parents[2]


def closed_port():
    return free_port()  # nothing listens once the probe has closed


def test_live_answers_without_asking_the_database_or_the_cache(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/live/")
    assert response.status_code == 200 and response.json() == {"status": "live"}
    assert len(queries) == 0
    assert "no-cache" in response.headers["Cache-Control"]


def test_ready_when_the_database_cache_and_search_answer(client, db):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "search": "ok"},
    }


def test_without_the_cache_the_site_is_degraded_not_unavailable_and_says_no_address(
    client, db, caplog
):
    with override_settings(CACHES=cache_settings(f"redis://127.0.0.1:{closed_port()}/0")):
        response = client.get("/health/ready/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "failing", "search": "ok"},
    }
    assert "127.0.0.1" not in response.content.decode()
    assert any("Health check cache failed" in r.getMessage() for r in caplog.records)


def test_without_elasticsearch_the_site_is_degraded(client, db):
    search = {
        "default": {
            "BACKEND": "core.search_backend.ElasticsearchBackend",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX": "health-test",
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "core.search_backend"},
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=search):
        response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "search": "failing"}


def test_without_the_database_the_site_is_unavailable(tmp_path):
    # A process of its own whose database cannot be opened (a folder that does not exist).
    asks_ready = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/health/ready/'); print(r.status_code, r.content.decode())"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}",
    }
    environment.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", asks_ready],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503", result.stderr
    assert json.loads(body) == {
        "status": "unavailable",
        "checks": {"database": "failing", "cache": "failing", "search": "ok"},
    }


def test_health_answers_only_reads(client, db):
    assert client.post("/health/live/").status_code == 405
    assert client.head("/health/ready/").status_code == 200

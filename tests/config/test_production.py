"""The site as production runs it: static files, gunicorn, logs, Sentry, Redis, the lock."""

import gzip
import http.server
import json
import os
import re
import runpy
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core.cache import CacheHandler
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import override_settings

import pytest
from sentry_sdk.envelope import Envelope

from home.templatetags.site_tags import NHSUK_FRONTEND_VERSION

ROOT = Path(__file__).resolve().parents[2]
NHSUK_CSS = f"wagtailnhsukfrontend/css/nhsuk-frontend-{NHSUK_FRONTEND_VERSION}.min"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "p" * 20 + "-a-long-and-random-production-secret-0123456789",
    "SITE_URL": "https://knowledge.example.nhs.uk",
}


def production_environment(**overrides):
    """This process's environment without the test run's Django switches, plus production's."""
    test_only = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in test_only}
    return {**environment, **PRODUCTION, **overrides}


@pytest.fixture(scope="module")
def manifest_static(tmp_path_factory):
    """collectstatic with production's storage (hashed, compressed), into a folder of its own."""
    static = {
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
        },
    }
    with override_settings(**static):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static


def test_pages_render_with_hashed_static_files(manifest_static, site_tree, client, settings):
    for name, value in manifest_static.items():
        setattr(settings, name, value)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/static/{NHSUK_CSS}." in html  # the hashed name, e.g. ...min.dbcdf7b583b7.css
    assert f"/static/{NHSUK_CSS}.css" not in html
    # site.js imports NHS.UK frontend's script by its hashed name, rewritten by collectstatic
    # (no inline import map, which the Content-Security-Policy would refuse).
    [site_js] = re.findall(r'src="/static/(js/site\.[0-9a-f]{12}\.js)"', html)
    script = Path(NHSUK_CSS.replace("css", "js")).name
    source = (Path(manifest_static["STATIC_ROOT"]) / site_js).read_text()
    assert re.search(rf'from "\.\./wagtailnhsukfrontend/js/{script}\.[0-9a-f]{{12}}\.js"', source)
    assert "importmap" not in html


def test_a_source_map_the_package_does_not_ship_is_left_as_it_was(manifest_static):
    [hashed] = [
        path
        for path in (Path(manifest_static["STATIC_ROOT"]) / NHSUK_CSS).parent.glob("*.css")
        if path.name.count(".") == 4  # nhsuk-frontend-X.Y.Z.min.<hash>.css, not the original
    ]
    assert (
        hashed.read_text()
        .rstrip()
        .endswith(f"/*# sourceMappingURL={Path(NHSUK_CSS).name}.css.map */")
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SentryStandIn(http.server.ThreadingHTTPServer):
    """Receives what the Sentry SDK sends, as sentry.io would: the envelopes' events."""

    def __init__(self):
        self.events = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(handler):
                body = handler.rfile.read(int(handler.headers["Content-Length"]))
                if handler.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                envelope = Envelope.deserialize(body)
                self.events += [
                    item.payload.json for item in envelope.items if item.type == "event"
                ]
                handler.send_response(200)
                handler.end_headers()
                handler.wfile.write(b"{}")

            def log_message(handler, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def dsn(self):
        return f"http://public-key@127.0.0.1:{self.server_address[1]}/1"


def wait_until(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.2)


def accepting(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def server_error(tmp_path_factory):
    """Gunicorn under production settings, on a database nobody migrated: every page fails, as
    a real fault would. One request, with a query, a cookie and a forwarded address."""
    sentry = SentryStandIn()
    port = free_port()
    database = tmp_path_factory.mktemp("unmigrated") / "site.sqlite3"
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=production_environment(
            DATABASE_URL=f"sqlite:///{database}",
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="1",
            GUNICORN_THREADS="1",
            SENTRY_DSN=sentry.dsn,
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: gunicorn.poll() is not None or accepting(port))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/lessons/?q=my+private+search",
            headers={
                "Host": "knowledge.example.nhs.uk",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "203.0.113.9",
                "Cookie": "sessionid=cookie-4711",
            },
        )
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=60)
        wait_until(lambda: sentry.events, seconds=30)
    finally:
        gunicorn.terminate()
        stdout, stderr = gunicorn.communicate(timeout=60)
        sentry.shutdown()
    return {"status": error.value.code, "stdout": stdout, "stderr": stderr, "sentry": sentry}


def test_gunicorn_logs_a_server_errors_traceback_and_each_request_to_stdout(server_error):
    stdout = server_error["stdout"]
    assert server_error["status"] == 500
    assert "ERROR django.request Internal Server Error: /lessons/" in stdout, server_error
    assert "Traceback (most recent call last)" in stdout
    assert "no such table" in stdout
    assert '"GET /lessons/?q=my+private+search HTTP/1.1" 500' in stdout  # the access log


def test_sentry_hears_of_a_server_error_without_personal_data(server_error):
    [event] = server_error["sentry"].events
    assert event["exception"]["values"][-1]["type"] == "OperationalError"
    assert event["request"]["url"] == "https://knowledge.example.nhs.uk/lessons/"
    text = json.dumps(event)
    for personal in ["private+search", "private search", "cookie-4711", "203.0.113.9"]:
        assert personal not in text
    assert not event.get("user")
    frames = [f for v in event["exception"]["values"] for f in v["stacktrace"]["frames"]]
    assert frames and not any("vars" in frame for frame in frames)


def test_sentry_is_off_without_a_dsn(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "import sentry_sdk; print(sentry_sdk.get_client().is_active())",
        ],
        cwd=ROOT,
        env=production_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_gunicorn_refuses_a_thread_count_that_is_not_a_number():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--check-config"],
        cwd=ROOT,
        env=production_environment(GUNICORN_THREADS="four"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "GUNICORN_THREADS must be a whole number of 1 or more, not 'four'." in result.stderr


def test_redis_url_gives_a_redis_cache_whose_client_is_installed(monkeypatch, caplog):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # a closed port
    settings = runpy.run_path(str(ROOT / "config/settings/base.py"))
    cache = CacheHandler(settings["CACHES"])["default"]
    assert isinstance(cache, RedisCache)
    import redis

    assert cache._cache._lib is redis  # building the client imports the library
    # It really talks to a server; finding none, it answers as an empty cache (core/cache.py).
    assert cache.get("rate-limit", "not cached") == "not cached"
    assert "Connection refused" in caplog.text


def test_the_runtime_lock_holds_what_production_runs_and_no_test_tools():
    locked = {
        line.split("==")[0]
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    runtime = {"gunicorn", "psycopg", "psycopg-binary", "redis", "sentry-sdk", "django-tasks-db"}
    assert runtime <= locked
    assert not {"pytest", "ruff", "playwright", "import-linter"} & locked

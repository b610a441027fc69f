"""A load test of the site as production runs it (README, "Performance"); not part of `make test`.

It builds a site of its own in a temporary folder (SQLite, the demo content, members of its
own), starts gunicorn with production's settings on a free local port, and runs simulated
people at once for a while: readers on a mix of pages, members marking lessons "This was
useful". Afterwards every mark the site said it recorded must be in the database.
"""

import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

HOST = "load-test.example.nhs.uk"
ORIGIN = f"https://{HOST}"
MEMBER_EMAIL = "load-test-{}@example.nhs.uk"
SEARCH_WORDS = ["discharge", "falls", "frailty", "digital", "workforce", "sepsis", "diabetes"]

# Run in the test site (manage.py shell): the members of this run, and what readers may read.
PREPARE = """
import json
from django.contrib.auth.models import AnonymousUser
from home.demo_content import account
from lessons.models import LessonPage
from network.models import NetworkPage
for number in range({members}):
    account("{email}".format(number), "{password}")
lessons = LessonPage.objects.readable_by(AnonymousUser()).order_by("pk")[:40]
networks = NetworkPage.objects.live().public().order_by("pk")[:10]
print(json.dumps({{"lessons": [p.url for p in lessons], "networks": [p.url for p in networks]}}))
"""

# Run in the test site afterwards: which of the marks the site accepted are in the database.
COUNT = """
import json, sys
from lessons.models import UsefulMark
accepted = json.load(sys.stdin)
stored = {{
    (mark.user.email, mark.lesson.url)
    for mark in UsefulMark.objects.filter(user__email__startswith="load-test-")
    .select_related("user", "lesson")
}}
print(json.dumps([pair for pair in accepted if tuple(pair) not in stored]))
"""


def whole_number(value):
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise CommandError(f"must be a whole number of 1 or more, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Load-test the site under gunicorn with production's settings: simulated readers and "
        "members at once for a while, then the figures. Builds its own site in a temporary "
        "folder (a few minutes); exits 1 on any server or connection error or lost write."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", default="20", help="simulated people at once (20)")
        parser.add_argument("--seconds", default="60", help="how long they keep going (60)")
        parser.add_argument(
            "--keep", action="store_true", help="keep the temporary folder (database, logs)"
        )

    def handle(self, **options):
        users = self._whole_number("--users", options["users"])
        seconds = self._whole_number("--seconds", options["seconds"])
        folder = Path(tempfile.mkdtemp(prefix="load-test-"))
        try:
            site = TestSite(folder, members=max(1, users // 4), say=self.stdout.write)
            site.build()
            with site.serving() as port:
                self.stdout.write(f"{users} people for {seconds} s against gunicorn on {port}…")
                run = LoadRun(port, site, users=users, seconds=seconds)
                run.go()
            lost = site.missing(run.accepted_marks)
        finally:
            if options["keep"]:
                self.stdout.write(f"Kept {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
        self.stdout.write(run.report(lost))
        if run.errors or lost:
            raise SystemExit(1)

    def _whole_number(self, flag, value):
        try:
            return whole_number(str(value))
        except CommandError as error:
            raise CommandError(f"{flag} {error}") from None


class TestSite:
    """A fresh site in a folder: built with development settings (production refuses demo
    content), then served by gunicorn with production's settings."""

    def __init__(self, folder, members, say):
        self.folder = folder
        self.members = members
        self.say = say
        self.password = secrets.token_urlsafe(16)
        environment = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "ELASTICSEARCH_URL", "REDIS_URL"}
        }
        environment.update(
            DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
            STATIC_ROOT=str(folder / "static"),
            MEDIA_ROOT=str(folder / "media"),
            DEMO_PASSWORD=secrets.token_urlsafe(16),
            SITE_URL=ORIGIN,
        )
        self.development = {**environment, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        self.production = {
            **environment,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
        }
        self.lessons = []
        self.networks = []

    def manage(self, *arguments, production=False, stdin=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.production if production else self.development,
            input=stdin,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"manage.py {arguments[0]} failed:\n{result.stderr}")
        return result.stdout

    def build(self):
        self.say(f"Building a site in {self.folder} (migrate, demo content, static files)…")
        self.manage("migrate", "--no-input")
        self.manage("load_demo_content")
        self.manage("collectstatic", "--no-input", production=True)
        prepare = PREPARE.format(members=self.members, email=MEMBER_EMAIL, password=self.password)
        found = json.loads(self.manage("shell", "-c", prepare).strip().splitlines()[-1])
        self.lessons, self.networks = found["lessons"], found["networks"]
        if not self.lessons or not self.networks:
            raise CommandError("The demo content has no public lessons or networks to read.")

    def member_emails(self):
        return [MEMBER_EMAIL.format(number) for number in range(self.members)]

    def serving(self):
        return Gunicorn(self)

    def missing(self, accepted):
        """The accepted marks that are not in the database."""
        pairs = sorted(accepted)
        output = self.manage("shell", "-c", COUNT.format(), stdin=json.dumps(pairs))
        return json.loads(output.strip().splitlines()[-1])


class Gunicorn:
    def __init__(self, site):
        self.site = site

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.log = open(self.site.folder / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=settings.BASE_DIR,
            env={**self.site.production, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                status, _, _ = request(port, "GET", "/health/live/", {"Host": HOST})
                if status == 200:
                    return port
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise CommandError(f"gunicorn did not start; see {self.site.folder / 'gunicorn.log'}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()


def request(port, method, path, headers=None, body=None):
    """One request on a connection of its own: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Person:
    """One simulated person: their own address (as the proxy would say) and cookies."""

    def __init__(self, run, number):
        self.run = run
        self.address = f"10.0.{number // 250}.{number % 250 + 1}"
        self.cookies = {}

    def send(self, kind, method, path, expect, form=None):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",  # production redirects plain HTTP
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN})
        started = time.perf_counter()
        try:
            status, response_headers, content = request(self.run.port, method, path, headers, body)
        except OSError as error:
            self.run.record(kind, None, time.perf_counter() - started, f"{path}: {error!r}")
            return None, {}
        elapsed = time.perf_counter() - started
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        problem = None if status == expect or status == 429 else f"{method} {path}: {status}"
        self.run.record(kind, status, elapsed, problem)
        return status, response_headers

    def read(self):
        site = self.run.site
        word = random.choice(SEARCH_WORDS)
        kind, path = random.choice(
            [
                ("home", "/"),
                ("lessons", "/lessons/"),
                ("lesson", random.choice(site.lessons)),
                ("search", f"/search/?q={word}"),
                ("networks", "/networks/"),
                ("network", random.choice(site.networks)),
                ("themes", "/themes/"),
                ("api search", f"/api/lessons/search/?q={word}"),
                ("feed", "/feeds/lessons/"),
            ]
        )
        self.send(kind, "GET", path, expect=200)

    def sign_in(self, email):
        self.send("sign-in page", "GET", "/accounts/login/", expect=200)
        status, headers = self.send(
            "sign in",
            "POST",
            "/accounts/login/",
            expect=302,
            form={"login": email, "password": self.run.site.password},
        )
        if status == 302 and "/accounts/" in headers["Location"]:
            self.run.fail(f"{email} sent to {headers['Location']}")
            return False
        return status == 302

    def mark_useful(self, email):
        lesson = random.choice(self.run.site.lessons)
        self.send("lesson", "GET", lesson, expect=200)  # as a reader would, before the button
        status, headers = self.send(
            "useful mark", "POST", lesson + "useful/", expect=302, form={"useful": "yes"}
        )
        if status != 302:
            return
        if headers.get("Location") == lesson + "#useful":
            self.run.accept_mark(email, lesson)
        else:  # e.g. to the sign-in page: the mark was not taken
            self.run.fail(f"useful mark sent to {headers['Location']}")


class LoadRun:
    def __init__(self, port, site, users, seconds):
        self.port = port
        self.site = site
        self.users = users
        self.seconds = seconds
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = defaultdict(int)
        self.errors = []
        self.limited = 0
        self.accepted_marks = set()
        self.accepted_posts = 0
        self.elapsed = 0

    def record(self, kind, status, elapsed, problem):
        with self.lock:
            self.latencies[kind].append(elapsed)
            self.statuses[status] += 1
            if status == 429:
                self.limited += 1
            elif problem:
                self.errors.append(problem)

    def fail(self, problem):
        with self.lock:
            self.errors.append(problem)

    def accept_mark(self, email, lesson):
        with self.lock:
            self.accepted_posts += 1
            self.accepted_marks.add((email, lesson))

    def go(self):
        members = self.site.member_emails()
        deadline = time.monotonic() + self.seconds
        threads = []
        for number in range(self.users):
            # Every fourth person is a signed-in member who also marks lessons useful.
            email = members[number // 4] if number % 4 == 0 and number // 4 < len(members) else None
            threads.append(threading.Thread(target=self.person, args=(number, email, deadline)))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.monotonic() - started

    def person(self, number, email, deadline):
        person = Person(self, number)
        signed_in = email is not None and person.sign_in(email)
        while time.monotonic() < deadline:
            if signed_in and random.random() < 0.5:
                person.mark_useful(email)
            else:
                person.read()

    def report(self, lost):
        total = sum(self.statuses.values())
        lines = [
            f"Requests: {total} in {self.elapsed:.0f} s ({total / self.elapsed:.1f} a second)",
            f"Errors (5xx, connection, unexpected status): {len(self.errors)}",
            f"Rate limited (429, not errors): {self.limited}",
            f"Useful marks accepted: {self.accepted_posts}, of {len(self.accepted_marks)} "
            f"distinct member and lesson pairs; missing from the database: {len(lost)}",
            "Statuses: "
            + ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items(), key=str)),
            "",
            f"{'kind':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}",
        ]
        for kind, times in sorted(self.latencies.items()):
            p50, p95, p99 = percentiles(times)
            lines.append(f"{kind:<14}{len(times):>7}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}")
        lines += [f"  error: {problem}" for problem in self.errors[:20]]
        lines += [f"  lost: {email} {lesson}" for email, lesson in lost[:20]]
        return "\n".join(lines)


def percentiles(times):
    if len(times) == 1:
        return (times[0] * 1000,) * 3
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000

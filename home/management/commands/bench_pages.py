"""Requests a second and CPU per request of each kind of page, served as production serves it.

    python manage.py bench_pages                       # this checkout, the demo content
    python manage.py bench_pages --against HEAD~1      # and another commit, alternately
    python manage.py bench_pages --database sqlite:////abs/path/lessons-10000.sqlite3

Builds a site of its own in bench/pages-<name>/ once (SQLite, migrate, the demo content), or
uses --database as it is; each run migrates, collects static files and serves it with gunicorn
(gunicorn.conf.py, production's settings, sync workers, no recycling) on a free local port,
with one more URL, /_bench/bare/ (scripts/bench_wsgi.py): a view that does nothing behind the
same middleware. Then, for --rounds rounds, it sends --requests requests to each page in turn,
anonymous and signed in, from as many client threads as there are workers, on every server in
turn, and reads the CPU time the workers spent from /proc. It prints medians over the rounds
and the median of the per-round ratios (home/page_bench.py).

Whole-page caching, where the site has it, changes what is measured: pass its switch with
--env (e.g. --env NAME=VALUE) to measure "hot" against "cold"; by default nothing is set.

Another site already running on this machine (say another Wagtail site served the same way) is
measured in the same rounds with --other NAME=URL, --other-pid (its gunicorn master, whose
workers' CPU is read from /proc) and --other-page KIND=PATH for each of our kinds of page it has
a counterpart for; its pages are asked anonymously, and each of ours, anonymous and signed in,
is set against the page of its kind (home/page_bench.py's comparison).
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.page_bench import Sample, children_of, comparison, cpu_used, table, workers_cpu

HOST = "bench.example.nhs.uk"
BARE = "bare Django view"
MEMBER = "bench-member@example.nhs.uk"
KINDS = ("home", "lessons", "lesson", "network", "search", "theme")
SIGNED_IN = ", signed in"

# Run in the site (manage.py shell): the pages to measure and a signed-in member's session.
PREPARE = """
import json
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from home.demo_content import account
from lessons.models import LessonPage
from network.models import NetworkPage
from themes.models import ThemePage
anonymous = AnonymousUser()
lesson = LessonPage.objects.readable_by(anonymous).order_by("pk").first()
network = NetworkPage.objects.live().public().order_by("pk").first()
theme = ThemePage.objects.live().public().order_by("pk").first()
client = Client()
client.force_login(account("{member}", "!unusable"))
print(json.dumps({{
    "lesson": lesson and lesson.url, "network": network and network.url,
    "theme": theme and theme.url, "session": client.cookies["sessionid"].value,
}}))
"""


def whole_number(value):
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise CommandError(f"must be a whole number of 1 or more, not {value!r}")
    return int(value)


def setting(value):
    name, equals, text = value.partition("=")
    if not equals or not name.isidentifier():
        raise CommandError(f"--env takes NAME=VALUE, not {value!r}")
    return name, text


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--rounds", default="7", help="alternating rounds (7)")
        parser.add_argument("--requests", default="30", help="requests per page per round (30)")
        parser.add_argument("--workers", default="2", help="gunicorn sync workers (2)")
        parser.add_argument("--against", metavar="REV", help="also serve this git revision")
        parser.add_argument(
            "--database", metavar="URL", help="serve this database instead of a built demo site"
        )
        parser.add_argument("--search", default="discharge", help="the words of /search/?q=")
        parser.add_argument(
            "--env", action="append", default=[], metavar="NAME=VALUE", help="for the servers"
        )
        parser.add_argument("--rebuild", action="store_true", help="build the demo sites afresh")
        parser.add_argument(
            "--other",
            metavar="NAME=URL",
            help="also measure a site running at http://127.0.0.1:PORT",
        )
        parser.add_argument(
            "--other-pid", metavar="PID", help="the other site's gunicorn master process"
        )
        parser.add_argument(
            "--other-page",
            action="append",
            default=[],
            metavar="KIND=PATH",
            help=f"the other site's page of a kind of ours ({', '.join(KINDS)})",
        )

    def handle(self, **options):
        for flag in ("rounds", "requests", "workers"):
            try:
                options[flag] = whole_number(str(options[flag]))
            except CommandError as error:
                raise CommandError(f"--{flag} {error}") from None
        extra = dict(setting(value) for value in options["env"])
        other = other_site(options["other"], options["other_pid"], options["other_page"])
        if other and other.name in {"this", options["against"]}:
            raise CommandError(f"--other needs a name of its own, not {other.name!r}")
        here = Path(settings.BASE_DIR)
        sites = [Site("this", here, here, options, extra)]
        checkout = None
        try:
            if options["against"]:
                checkout = other_checkout(here, options["against"])
                sites.append(Site(options["against"], checkout, here, options, extra))
            for site in sites:
                self.stdout.write(f"Preparing {site.name} in {site.folder}…")
                site.prepare()
            self.stdout.write(self.measure(sites, options, other))
        finally:
            for site in sites:
                site.stop()
            if checkout:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(checkout)], cwd=here, check=False
                )

    def measure(self, sites, options, other=None):
        for site in sites:
            site.start(options["workers"])
        pages = [BARE] + [label for label, _, _ in sites[0].pages]
        servers = sites + ([other] if other else [])
        for site in servers:
            for label in pages:
                if page := site.path_of(label):  # warms each worker's imports and caches
                    site.send_many(*page, 3 * options["workers"], options["workers"])
        rounds = []
        for number in range(options["rounds"]):
            measured = {}
            order = servers if number % 2 == 0 else list(reversed(servers))
            for label in pages:
                for site in order:
                    if page := site.path_of(label):  # the other site has some kinds only
                        measured[(site.name, label)] = site.sample(
                            *page, options["requests"], options["workers"]
                        )
            rounds.append(measured)
            self.stderr.write(f"round {number + 1}/{options['rounds']} done")
        report = (
            f"\n{options['rounds']} alternating rounds of {options['requests']} requests per "
            f"page, {options['workers']} sync workers and as many client threads; medians, "
            "and ratios as medians of each round's ratio. CPU is the workers' (/proc).\n\n"
            + table(rounds, pages, [site.name for site in sites], bare=BARE)
        )
        if other:
            kinds = {label: label.removesuffix(SIGNED_IN) for label in pages if label != BARE}
            report += (
                f"\n\nAgainst {other.name} ({other.url}), its pages asked anonymously: "
                + ", ".join(f"{kind} {path}" for kind, path, _ in other.pages)
                + "\n\n"
                + comparison(rounds, kinds, [site.name for site in sites], other.name)
            )
        return report


def other_checkout(here, revision):
    folder = Path(tempfile.mkdtemp(prefix="bench-against-"))
    result = subprocess.run(
        ["git", "worktree", "add", "--detach", str(folder), revision],
        cwd=here,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        raise CommandError(f"--against {revision}: {result.stderr.strip()}")
    return folder


def other_site(name_and_url, pid, pages):
    """The --other site from its three options, or None; every mistake is a CommandError that
    names the option, raised before anything is built or served."""
    if not name_and_url:
        if pid or pages:
            raise CommandError("--other-pid and --other-page need --other NAME=URL")
        return None
    name, equals, url = name_and_url.partition("=")
    if not equals or not name.strip() or "," in name:
        raise CommandError(f"--other takes NAME=URL, not {name_and_url!r}")
    scheme, slashes, address = url.partition("://")
    host, colon, port = address.rstrip("/").rpartition(":")
    if scheme != "http" or not slashes or not colon or not port.isdigit() or "/" in host:
        raise CommandError(f"--other needs a URL such as http://127.0.0.1:8001, not {url!r}")
    if not (host.startswith("127.") or host in {"localhost", "[::1]"}):
        # Its workers' CPU is read from this machine's /proc.
        raise CommandError(f"--other must be served on this machine (loopback), not {host!r}")
    if not pid:
        raise CommandError("--other needs --other-pid, its gunicorn master's process id")
    try:
        master = whole_number(pid)
    except CommandError as error:
        raise CommandError(f"--other-pid {error}") from None
    if not children_of(master):
        raise CommandError(f"--other-pid {master}: no running process has workers under it")
    paths = {}
    for value in pages:
        kind, equals, path = value.partition("=")
        if not equals or kind not in KINDS:
            raise CommandError(
                f"--other-page takes KIND=PATH with KIND one of {', '.join(KINDS)}, not {value!r}"
            )
        if not path.startswith("/"):
            raise CommandError(f"--other-page {kind}: the path must start with /, not {path!r}")
        paths[kind] = path
    if not paths:
        raise CommandError("--other needs at least one --other-page KIND=PATH")
    return Other(name.strip(), host, int(port), master, paths)


class Server:
    """A gunicorn serving a site on this machine: asks it for pages and reads its workers' CPU."""

    name = port = pid = host_header = None
    host = "127.0.0.1"
    pages = ()
    log_name = "its log"

    def path_of(self, label):
        """(path, cookie) of a page, or None where this server has no page of that label."""
        return next(((path, cookie) for name, path, cookie in self.pages if name == label), None)

    def get(self, path, cookie):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        # As behind the proxy: https, a visitor's address. Without a Host of our own,
        # http.client sends the server's host and port.
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9"}
        if self.host_header:
            headers["Host"] = self.host_header
        if cookie:
            headers["Cookie"] = cookie
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def send_many(self, path, cookie, count, threads):
        """count requests from threads at once; every answer must be 200."""
        problems = []

        def client(share):
            for _ in range(share):
                status = self.get(path, cookie)
                if status != 200:
                    problems.append(status)

        shares = [count // threads + (n < count % threads) for n in range(threads)]
        running = [threading.Thread(target=client, args=(share,)) for share in shares]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
        if problems:
            raise CommandError(f"{self.name}: {path} answered {problems[0]}; see {self.log_name}")

    def sample(self, path, cookie, count, threads):
        before = workers_cpu(self.pid)
        started = time.perf_counter()
        self.send_many(path, cookie, count, threads)
        elapsed = time.perf_counter() - started
        return Sample(count, elapsed, cpu_used(before, workers_cpu(self.pid)))


class Other(Server):
    """A site someone else started and stops; only its anonymous pages are asked for."""

    log_name = "its own log"

    def __init__(self, name, host, port, pid, paths):
        self.name, self.host, self.port, self.pid = name, host.strip("[]"), port, pid
        self.url = f"http://{host}:{port}"
        self.pages = [(kind, path, None) for kind, path in paths.items()]


class Site(Server):
    """One checkout's site: its database, its static files and its gunicorn."""

    host_header = HOST

    def __init__(self, name, checkout, here, options, extra):
        self.name = name
        self.checkout = checkout
        self.scripts = here / "scripts"
        label = "this" if checkout == here else options["against"].replace("/", "-")
        self.folder = here / "bench" / f"pages-{label}"
        self.rebuild = options["rebuild"]
        self.built_here = not options["database"]
        database = options["database"] or f"sqlite:///{self.folder / 'site.sqlite3'}"
        environment = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "ELASTICSEARCH_URL", "REDIS_URL"}
        }
        environment.update(
            DATABASE_URL=database,
            STATIC_ROOT=str(self.folder / "static"),
            MEDIA_ROOT=str(self.folder / "media"),
            DEMO_PASSWORD="bench-demo-password",
            SITE_URL=f"https://{HOST}",
        )
        self.development = {**environment, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        self.production = {
            **environment,
            **extra,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-" + "x" * 50,
            "GUNICORN_THREADS": "1",
            "GUNICORN_MAX_REQUESTS": str(10**9),  # a recycled worker's CPU time would be lost
        }
        self.search = options["search"]
        self.pages = []
        self.process = None
        self.log = None
        self.port = None

    def manage(self, *arguments, production=False):
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=self.checkout,
            env=self.production if production else self.development,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"{self.name}: manage.py {arguments[0]} failed:\n{result.stderr}")
        return result.stdout

    def prepare(self):
        if self.built_here and self.rebuild:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--no-input")
        marker = self.folder / "demo-content-loaded"
        if self.built_here and not marker.exists():
            self.manage("load_demo_content")
            marker.touch()
        self.manage("collectstatic", "--no-input", production=True)
        found = json.loads(
            self.manage("shell", "-c", PREPARE.format(member=MEMBER)).strip().splitlines()[-1]
        )
        session = f"sessionid={found.pop('session')}"
        missing = [kind for kind, url in found.items() if not url]
        if missing:
            raise CommandError(f"{self.name}: no public {', '.join(missing)} to measure")
        paths = {
            "home": "/",
            "lessons": "/lessons/",
            "lesson": found["lesson"],
            "network": found["network"],
            "search": "/search/?" + f"q={self.search.replace(' ', '+')}",
            "theme": found["theme"],
        }
        for kind, path in paths.items():
            self.pages.append((kind, path, None))
        for kind, path in paths.items():
            self.pages.append((f"{kind}{SIGNED_IN}", path, session))

    def path_of(self, label):
        if label == BARE:
            return "/_bench/bare/", None
        return super().path_of(label)

    def start(self, workers):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = open(self.folder / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                *("-m", "gunicorn", "--config", "gunicorn.conf.py"),
                *("--pythonpath", str(self.scripts), "--workers", str(workers)),
                "bench_wsgi:application",
            ],
            cwd=self.checkout,
            env={**self.production, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.pid, self.log_name = self.process.pid, self.log.name
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.get("/_bench/bare/", None) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise CommandError(f"{self.name}: gunicorn did not start; see {self.log.name}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=60)
            self.log.close()
            self.process = None

"""Measure search on a realistic data set of N lessons, in a database of its own.

    python manage.py bench_search --lessons 10000

Builds bench/lessons-N.sqlite3 on the first run (generated lessons with varied contexts,
teams, factors, themes and levels, inserted in bulk and then indexed), keeps it for later runs,
then times site search, faceted search and similar-context search through Django's test
client and prints p50/p95 and the queries per request. Never touches the site's own database.
"""

import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page

from home.site_tree import ensure_site_tree
from lessons.exchange import apply_lesson, apply_network
from lessons.generated import THEMES, fake_lesson, fake_networks
from lessons.models import LessonMaturityLink, LessonPage, LessonTheme, TeamMember
from maturity.models import Dimension
from network.models import NetworkPage

WORDS = [
    "evidence",
    "briefing",
    "huddles",
    "librarian",
    "board",
    "knowledge",
    "cafe",
    "bulletin",
    "journal",
    "handover",
    "search",
    "peer",
]


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--lessons", type=int, default=10_000)
        parser.add_argument("--requests", type=int, default=60, help="Timed requests per kind.")
        parser.add_argument("--rebuild", action="store_true", help="Build the data set afresh.")

    def handle(self, lessons, requests, rebuild, **options):
        database = Path(settings.BASE_DIR) / "bench" / f"lessons-{lessons}.sqlite3"
        if os.environ.get("BENCH_DATABASE") != str(database):
            return self._run_in_own_database(database, lessons, requests, rebuild)
        call_command("migrate", verbosity=0)
        if rebuild or LessonPage.objects.count() != lessons:
            self._build(lessons)
        self._measure(lessons, requests)

    def _run_in_own_database(self, database, lessons, requests, rebuild):
        database.parent.mkdir(exist_ok=True)
        if rebuild:
            for leftover in database.parent.glob(f"{database.name}*"):
                leftover.unlink()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "BENCH_DATABASE": str(database),
            # DEBUG off and no background writer, as a deployed site would run.
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        }
        env.pop("ELASTICSEARCH_URL", None)
        args = [
            sys.executable,
            "manage.py",
            "bench_search",
            "--lessons",
            str(lessons),
            "--requests",
            str(requests),
        ]
        result = subprocess.run(args, cwd=settings.BASE_DIR, env=env)
        if result.returncode:
            sys.exit(result.returncode)

    # Building the data set

    def _build(self, count):
        started = time.perf_counter()
        rng = random.Random(count)
        _, index, network_index = ensure_site_tree()
        networks = {}
        for data in fake_networks():
            network = NetworkPage.objects.filter(slug=data["slug"]).first()
            if network is None:
                network = NetworkPage()
                apply_network(network, data)
                network_index.add_child(instance=network)
            networks[data["slug"]] = network
        dimensions = Dimension.objects.in_bulk(field_name="code")
        first_step = index.numchild + 1
        with transaction.atomic():
            for start in range(0, count, 1000):
                batch = [
                    fake_lesson(rng, n, list(dimensions), fake_networks())
                    for n in range(start, min(start + 1000, count))
                ]
                self._insert(batch, index, first_step + start, networks, dimensions)
                if self.stdout.isatty():
                    self.stdout.write(f"\rInserted {start + len(batch)}/{count}", ending="")
                    self.stdout.flush()
            index.numchild += count
            index.save(update_fields=["numchild"])
        inserted = time.perf_counter() - started
        self.stdout.write(f"\nInserted in {inserted:.0f} s; indexing for search…")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Indexed in {time.perf_counter() - started:.0f} s.")

    def _insert(self, batch, index, first_step, networks, dimensions):
        """Insert lessons without per-save signals: Page rows in bulk, then each LessonPage
        row (Django cannot bulk-create a multi-table child), then their related rows. The
        lessons' fields come from lessons.exchange.apply_lesson, as an import's do."""
        now = timezone.now()
        locale = Locale.get_default()
        content_type = ContentType.objects.get_for_model(LessonPage)
        pages = Page.objects.bulk_create(
            [
                Page(
                    title=data["title"],
                    draft_title=data["title"],
                    slug=data["slug"],
                    path=LessonPage._get_path(index.path, index.depth + 1, first_step + n),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{data['slug']}/",
                    content_type=content_type,
                    locale=locale,
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                    translation_key=uuid.uuid4(),
                )
                for n, data in enumerate(batch)
            ]
        )
        team, links, themes = [], [], []
        for page, data in zip(pages, batch, strict=True):
            lesson = LessonPage(page_ptr_id=page.pk)
            apply_lesson(lesson, data, networks[data["network"]], dimensions, lessons={})
            lesson.count_team()
            lesson.__dict__.update(
                {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
            )
            lesson.save_base(raw=True)
            # The rows apply_lesson made in memory, written in bulk.
            for rows, collected in (
                (lesson.team_members.all(), team),
                (lesson.maturity_links.all(), links),
            ):
                for order, row in enumerate(rows):
                    row.lesson_id, row.sort_order = page.pk, order
                    collected.append(row)
            for theme in lesson.tagged_themes.all():
                theme.content_object_id = page.pk
                themes.append(theme)
        TeamMember.objects.bulk_create(team)
        LessonMaturityLink.objects.bulk_create(links)
        LessonTheme.objects.bulk_create(themes)

    # Measuring

    def _measure(self, count, requests):
        rng = random.Random(7)
        client = Client(HTTP_HOST="127.0.0.1")
        codes = list(Dimension.objects.values_list("code", flat=True))
        kinds = {
            "site search": lambda: f"/search/?q={rng.choice(WORDS)}",
            "faceted search": lambda: (
                f"/api/lessons/search/?q={rng.choice(WORDS)}&dimension={rng.choice(codes)}"
                f"&level={rng.randint(0, 4)}&theme={rng.choice(THEMES)}"
            ),
            "similar contexts": lambda: (
                "/api/lessons/similar/?organisation_type=acute_trust&scale=department"
                f"&dimension={rng.choice(codes)}&level={rng.randint(0, 3)}"
                f"&years_experience={rng.randint(5, 80)}&team_size={rng.randint(1, 6)}"
                "&training=QSIR&setting=wards"
            ),
        }
        self.stdout.write(
            f"\n{count} lessons, {requests} requests each (after 5 warm-ups), "
            f"SQLite, database search backend:"
        )
        for name, url in kinds.items():
            for _ in range(5):
                client.get(url())
            timings, queries = [], []
            for _ in range(requests):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url())
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (response.status_code, response.content[:300])
                queries.append(len(captured))
            timings.sort()
            p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
            self.stdout.write(
                f"  {name:17} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
                f"queries/request {max(queries)}"
            )

"""Measure search on a realistic data set, in a database of its own.

    python manage.py bench_search --lessons 10000
    python manage.py bench_search --profiles 300

With --lessons (the default): builds bench/lessons-N.sqlite3 on the first run (generated
lessons with varied contexts, teams, factors, themes and levels, inserted in bulk and then
indexed), keeps it for later runs, then times site search, faceted search and similar-context
search through Django's test client and prints p50/p95 and the queries per request.

With --profiles: builds bench/profiles-N.sqlite3 (N people with roles, organisations and
overlapping specialisms, topics and training, then indexed) and times the people directory
searched with 1, 4 and 8 words, as a signed-in member. Each word once cost two joins over the
tag tables; the median per word count shows whether the cost grows with the words.

Never touches the site's own database. --database-url postgres://…/kn_bench runs in that
PostgreSQL database instead (give one of its own: the data set is built there and kept).
--without-thesaurus times the same searches with the thesaurus emptied for the run (and put
back after), so alternating runs with and without it give expansion's cost.
"""

import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page

from taggit.models import Tag

from accounts.models import User
from core import thesaurus
from core.models import ThesaurusEntry
from core.progress import Progress
from home.site_tree import ensure_site_tree
from lessons.exchange.importer import apply_lesson, apply_network
from lessons.generated import ROLES, SPECIALISMS, THEMES, TRAINING, fake_lesson, fake_networks
from lessons.models import LessonMaturityLink, LessonPage, LessonTheme, TeamMember
from maturity.models import Dimension
from network.models import NetworkPage, Profile, ProfileSpecialism, ProfileTopic, ProfileTraining

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
        size = parser.add_mutually_exclusive_group()
        size.add_argument("--lessons", type=int, help="Lessons to search (default 10,000).")
        size.add_argument("--profiles", type=int, help="People in the directory to search.")
        parser.add_argument(
            "--requests", type=int, help="Timed requests per kind (60; 5 for the directory)."
        )
        parser.add_argument("--rebuild", action="store_true", help="Build the data set afresh.")
        parser.add_argument(
            "--database-url", help="A database of its own to build and search in, not SQLite's."
        )
        parser.add_argument(
            "--words-only",
            action="store_true",
            help="Time only the searches with words (not similar contexts, which has none).",
        )
        parser.add_argument(
            "--without-thesaurus",
            action="store_true",
            help="Search with no thesaurus entries (expansion off), for comparison.",
        )

    def handle(self, lessons, profiles, requests, rebuild, database_url, **options):
        if profiles:
            name, built = f"profiles-{profiles}", self._profiles_built
            build, measure = self._build_profiles, self._measure_directory
            requests = requests or 5
            size = ["--profiles", str(profiles)]
        else:
            lessons = lessons or 10_000
            name, built = f"lessons-{lessons}", self._lessons_built
            build, measure = self._build, self._measure
            requests = requests or 60
            size = ["--lessons", str(lessons)]
        count = profiles or lessons
        for flag in ("words_only", "without_thesaurus"):
            if options[flag]:
                size.append("--" + flag.replace("_", "-"))
        database = database_url or Path(settings.BASE_DIR) / "bench" / f"{name}.sqlite3"
        if os.environ.get("BENCH_DATABASE") != str(database):
            return self._run_in_own_database(database, size, requests, rebuild)
        call_command("migrate", verbosity=0)
        if rebuild or not built(count):
            build(count)
        if not profiles:
            measure = partial(measure, words_only=options["words_only"])
        if not options["without_thesaurus"]:
            return measure(count, requests)
        # Not in a transaction rolled back after: searches' work after commit (counting them
        # for insights) would then never run, and the runs would not compare.
        entries = list(ThesaurusEntry.objects.all())
        ThesaurusEntry.objects.all().delete()
        try:
            measure(count, requests)
        finally:
            ThesaurusEntry.objects.bulk_create(entries)
            thesaurus.forget()

    @staticmethod
    def _lessons_built(count):
        return LessonPage.objects.count() == count

    @staticmethod
    def _profiles_built(count):
        return Profile.objects.count() == count

    def _run_in_own_database(self, database, size, requests, rebuild):
        if isinstance(database, Path):
            database.parent.mkdir(exist_ok=True)
            if rebuild:
                for leftover in database.parent.glob(f"{database.name}*"):
                    leftover.unlink()
        elif rebuild:
            size.append("--rebuild")
        env = {
            **os.environ,
            "DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
            "BENCH_DATABASE": str(database),
            # DEBUG off and no background writer, as a deployed site would run.
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        }
        env.pop("ELASTICSEARCH_URL", None)
        args = [sys.executable, "manage.py", "bench_search", *size, "--requests", str(requests)]
        if isinstance(database, str):
            args += ["--database-url", database]
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
        bar = Progress(self._write_progress, "Inserting lessons", "lessons")
        if self.stdout.isatty():
            bar(0, count)
        with transaction.atomic():
            for start in range(0, count, 1000):
                batch = [
                    fake_lesson(rng, n, list(dimensions), fake_networks())
                    for n in range(start, min(start + 1000, count))
                ]
                self._insert(batch, index, first_step + start, networks, dimensions)
                if self.stdout.isatty():
                    bar(start + len(batch), count)
            bar.end()
            index.numchild += count
            index.save(update_fields=["numchild"])
        inserted = time.perf_counter() - started
        self.stdout.write(f"Inserted in {inserted:.0f} s; indexing for search…")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Indexed in {time.perf_counter() - started:.0f} s.")

    def _write_progress(self, text):
        self.stdout.write(text, ending="")
        self.stdout.flush()

    def _insert(self, batch, index, first_step, networks, dimensions):
        """Insert lessons without per-save signals: Page rows in bulk, then each LessonPage
        row (Django cannot bulk-create a multi-table child), then their related rows. The
        lessons' fields come from lessons.exchange.importer.apply_lesson, as an import's do."""
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

    def _measure(self, count, requests, words_only=False):
        rng = random.Random(7)
        client = Client(HTTP_HOST="127.0.0.1")
        codes = list(Dimension.objects.values_list("code", flat=True))
        kinds = {
            "site search": lambda: f"/search/?q={rng.choice(WORDS)}",
            "site search, 4 words": lambda: (
                "/search/?" + urlencode({"q": " ".join(rng.sample(WORDS, 4))})
            ),
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
        if words_only:
            del kinds["similar contexts"]
        self.stdout.write(
            f"\n{count} lessons, {requests} requests each (after 5 warm-ups), "
            f"{connection.vendor}, database search backend, "
            f"{'no' if not ThesaurusEntry.objects.exists() else 'with the'} thesaurus:"
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
                f"  {name:20} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
                f"queries/request {max(queries)}"
            )

    # The people directory

    def _build_profiles(self, count):
        """People whose specialisms, topics and training overlap, as in a real network."""
        started = time.perf_counter()
        rng = random.Random(count)
        organisations = [f"{place} {kind}" for place in PLACES for kind in ORGANISATION_KINDS]
        with transaction.atomic():
            users = User.objects.bulk_create(
                [User(email=f"person{n:04}@example.nhs.uk", password="!") for n in range(count)]
            )
            profiles = Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                        job_role=rng.choice(ROLES),
                        organisation=rng.choice(organisations),
                        bio=f"Works on {rng.choice(THEMES)} and {rng.choice(THEMES)}.",
                        visibility=rng.choice(["everyone", "everyone", "members"]),
                    )
                    for user in users
                ]
            )
            tags = {
                name: Tag.objects.get_or_create(name=name)[0]
                for name in SPECIALISMS + THEMES + TRAINING
            }
            taggings = []
            for profile in profiles:
                for tagging, names, k in (
                    (ProfileSpecialism, SPECIALISMS, 4),
                    (ProfileTopic, THEMES, 4),
                    (ProfileTraining, TRAINING, 2),
                ):
                    taggings += [
                        tagging(content_object_id=profile.pk, tag=tags[name])
                        for name in rng.sample(names, k)
                    ]
            for tagging in (ProfileSpecialism, ProfileTopic, ProfileTraining):
                tagging.objects.bulk_create([t for t in taggings if isinstance(t, tagging)])
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Built {count} profiles in {time.perf_counter() - started:.0f} s.")

    def _measure_directory(self, count, requests):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(
            User.objects.create_user(email=f"reader-{uuid.uuid4().hex}@example.nhs.uk")
        )
        self.stdout.write(
            f"\n{count} profiles, {requests} requests each (after 1 warm-up), {connection.vendor}, "
            "database search backend, signed in:"
        )
        for words in (1, 4, 8):
            url = "/members/?" + urlencode({"q": " ".join(DIRECTORY_WORDS[:words])})
            client.get(url)
            timings, queries = [], []
            for _ in range(requests):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (response.status_code, response.content[:300])
                queries.append(len(captured))
            self.stdout.write(
                f"  directory, {words} word{'s' if words > 1 else ' '}  "
                f"median {statistics.median(timings):9.1f} ms   max {max(timings):9.1f} ms   "
                f"queries/request {max(queries)}"
            )


# Words that many people share, so each one matches a good part of the directory.
DIRECTORY_WORDS = [
    "patient",
    "safety",
    "evidence",
    "knowledge",
    "librarian",
    "searching",
    "improvement",
    "huddles",
]
FIRST_NAMES = ["Ada", "Ben", "Cara", "Dev", "Ema", "Finn", "Gita", "Hal", "Isla", "Jon", "Kemi"]
SURNAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Patel", "Singh", "Taylor", "Wright"]
PLACES = ["Exeter", "Leeds", "Bristol", "Norwich", "Derby", "Truro", "York", "Bolton"]
ORGANISATION_KINDS = ["Hospitals NHS Trust", "Community Trust", "Integrated Care Board"]

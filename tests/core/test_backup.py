"""manage.py backup and restore, run as an operator would, on databases of their own.

Each database starts as a copy of the migrated test database (SQLite's backup API, or
PostgreSQL's CREATE DATABASE ... TEMPLATE), so nothing here touches the one other tests use.
The suite's database decides the vendor: SQLite normally, PostgreSQL when DATABASE_URL says.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

from django.db import connection, connections

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The tests use only databases of their own, made in module fixtures (outside any test's
# transaction); the mark makes pytest-django set up the test database they are copied from.
pytestmark = pytest.mark.django_db


class Databases:
    """Throwaway databases beside the test database, each named by a DATABASE_URL."""

    def __init__(self, folder, django_db_blocker):
        self.folder = folder
        self.blocker = django_db_blocker
        self.settings = connection.settings_dict
        self.made = []

    def copy_of_test_database(self, name):
        if connection.vendor == "sqlite":
            path = self.folder / f"{name}.sqlite3"
            with self.blocker.unblock():
                connection.ensure_connection()
                copy = sqlite3.connect(path)
                connection.connection.backup(copy)
                copy.close()
            return f"sqlite:///{path}"
        with self.blocker.unblock():
            connections.close_all()  # a template database must have no one connected
        return self._create(name, f"TEMPLATE {self._quote(self.settings['NAME'])}")

    def empty(self, name):
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.folder / f'{name}.sqlite3'}"
        return self._create(name, "TEMPLATE template0")

    def drop_all(self):
        for name in self.made:
            self._maintenance(f"DROP DATABASE IF EXISTS {self._quote(name)} WITH (FORCE)")

    def _create(self, name, template):
        name = f"{self.settings['NAME']}_{name}"
        self._maintenance(f"DROP DATABASE IF EXISTS {self._quote(name)} WITH (FORCE)")
        self._maintenance(f"CREATE DATABASE {self._quote(name)} {template}")
        self.made.append(name)
        s = self.settings
        return (
            f"postgres://{quote(s['USER'])}:{quote(s['PASSWORD'])}@{s['HOST']}:{s['PORT']}/"
            f"{quote(name)}"
        )

    def _maintenance(self, sql):
        import psycopg

        s = self.settings
        with psycopg.connect(
            dbname="postgres",
            user=s["USER"],
            password=s["PASSWORD"],
            host=s["HOST"],
            port=s["PORT"],
            autocommit=True,
        ) as maintenance:
            maintenance.execute(sql)

    @staticmethod
    def _quote(name):
        return '"' + name.replace('"', '""') + '"'


def private_root(media_root):
    """Each site's PRIVATE_MEDIA_ROOT: beside its MEDIA_ROOT."""
    return media_root.with_name("private-media")


def run(args, database_url, media_root):
    """A fresh process with only the site's own settings: no search server, no shared cache."""
    ours = {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}
    environment = {key: value for key, value in os.environ.items() if key not in ours}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        PRIVATE_MEDIA_ROOT=str(private_root(media_root)),
    )
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def manage(*args, database_url, media_root):
    return run(["manage.py", *args], database_url, media_root)


def site_content(action, database_url, media_root):
    result = run(["-m", "tests.core.site_content", action], database_url, media_root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def databases(django_db_setup, django_db_blocker, tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("databases"), django_db_blocker)
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def second_site(databases):
    """A migrated site with its own tables and data, for restoring over."""
    return databases.copy_of_test_database("restore_force")


@pytest.fixture(scope="module")
def empty_database(databases):
    return databases.empty("restore_empty")


@pytest.fixture(scope="module")
def site_backup(databases, tmp_path_factory):
    """A site with pages, revisions, members, a photo and an image; its backup; its summary."""
    folder = tmp_path_factory.mktemp("site")
    database_url = databases.copy_of_test_database("backup_source")
    media = folder / "media"
    contents = site_content("build", database_url, media)
    archive = folder / "site.tar.gz"
    result = manage("backup", "--out", archive, database_url=database_url, media_root=media)
    assert result.returncode == 0, result.stderr
    return {
        "archive": archive,
        "contents": contents,
        "database_url": database_url,
        "media": media,
        "output": result.stdout,
    }


def test_the_site_has_what_a_restore_must_bring_back(site_backup):
    contents = site_backup["contents"]
    titles = [title for _, _, title, _ in contents["pages"]]
    assert {"Daily discharge huddles", "Huddles, a draft", "South West KM Network"} <= set(titles)
    revised = {title for _, _, _, title in contents["revisions"]}
    assert {"South West KM Network", "Huddles, a draft"} <= revised
    assert "Daily discharge huddles, revised" in revised
    assert len(contents["memberships"]) == 2
    [[email, photo, digest]] = [p for p in contents["photos"] if p[1]]
    assert email == "member@example.nhs.uk" and photo.startswith("profiles/") and digest
    assert contents["images"][0][2]


def test_backup_writes_one_archive_of_the_database_and_every_media_file(site_backup):
    with tarfile.open(site_backup["archive"]) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("backup.json"))
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert names[:2] == ["backup.json", database]
    media, private = (
        sorted(
            f"{folder}/{path.relative_to(root).as_posix()}"
            for path in root.rglob("*")
            if path.is_file()
        )
        for folder, root in [
            ("media", site_backup["media"]),
            ("private", private_root(site_backup["media"])),
        ]
    )
    assert len(media) >= 1 and len(private) == 1
    assert sorted(names[2:]) == sorted(media + private)
    assert manifest["database"] == connection.vendor and manifest["media_files"] == len(media)
    assert manifest["private_files"] == len(private)
    assert site_backup["archive"].stat().st_mode & 0o077 == 0  # personal data: owner only
    assert f"{len(private)} private files and {len(media)} media files to" in site_backup["output"]


def test_restore_into_an_empty_database_brings_back_every_page_revision_member_and_photo(
    site_backup, empty_database, tmp_path
):
    database_url = empty_database
    media = tmp_path / "media"
    result = manage("restore", site_backup["archive"], database_url=database_url, media_root=media)
    assert result.returncode == 0, result.stderr
    pages = len(site_backup["contents"]["pages"])
    assert f"database from {site_backup['archive']}" in result.stdout
    assert f": {pages} pages, " in result.stdout
    assert site_content("summary", database_url, media) == site_backup["contents"]


def test_a_private_file_survives_backup_and_restore_in_the_private_folder(
    site_backup, empty_database, tmp_path
):
    [[_, name, digest]] = [p for p in site_backup["contents"]["photos"] if p[1]]
    assert (private_root(site_backup["media"]) / name).is_file()
    assert not (site_backup["media"] / name).exists()
    media = tmp_path / "media"
    result = manage(  # the database may hold the restore of another test: --force
        "restore", site_backup["archive"], "--force", database_url=empty_database, media_root=media
    )
    assert result.returncode == 0, result.stderr
    assert f"and 1 private files into {private_root(media)}" in result.stdout
    restored = private_root(media) / name
    assert hashlib.sha256(restored.read_bytes()).hexdigest() == digest
    assert not (media / name).exists()


def test_restore_refuses_to_overwrite_a_site_without_force(site_backup):
    photos = sorted(site_backup["media"].rglob("*"))
    result = manage(
        "restore",
        site_backup["archive"],
        database_url=site_backup["database_url"],
        media_root=site_backup["media"],
    )
    assert result.returncode == 1
    assert "run again with --force" in result.stderr
    assert "Nothing was changed." in result.stderr
    assert sorted(site_backup["media"].rglob("*")) == photos


def test_restore_with_force_replaces_a_site_and_its_files(site_backup, second_site, tmp_path):
    database_url = second_site
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "stray.pdf").write_bytes(b"%PDF-1.4 not in the backup")
    stray_photo = private_root(media) / "profiles" / "stray.jpg"
    stray_photo.parent.mkdir(parents=True)
    stray_photo.write_bytes(b"not in the backup")
    result = manage(
        "restore", site_backup["archive"], "--force", database_url=database_url, media_root=media
    )
    assert result.returncode == 0, result.stderr
    assert not (media / "documents" / "stray.pdf").exists()
    assert not stray_photo.exists()
    assert site_content("summary", database_url, media) == site_backup["contents"]


def test_restore_says_clearly_when_a_file_is_not_a_backup(tmp_path, second_site):
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_text("just some notes")
    result = manage(
        "restore", not_a_backup, database_url=second_site, media_root=tmp_path / "media"
    )
    assert result.returncode == 1
    assert f"{not_a_backup} could not be read as a backup archive" in result.stderr

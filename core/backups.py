"""The whole site in one file: the database and every uploaded file, as a .tar.gz archive.

`manage.py backup` writes an archive and `manage.py restore` loads one. The members, in order:

    backup.json        what the archive holds: format, when it was made, the database vendor
    database.sqlite3   a copy made with SQLite's backup API (consistent while the site runs), or
    database.pgdump    pg_dump's custom format (a consistent snapshot)
    media/...          every file under MEDIA_ROOT: images, documents
    private/...        every file under PRIVATE_MEDIA_ROOT (core/private_files.py): profile photos

Format 1 (before private files) had no private/ members; restoring one empties
PRIVATE_MEDIA_ROOT, and `migrate` then moves the photos it holds in media/ there.

Django's dumpdata/loaddata cannot do this: they lose the page tree's and the search index's raw
tables, content types and permissions get in the way, and they leave the files behind.
"""

import datetime
import gzip
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = "knowledge-network-backup/2"
READABLE_FORMATS = {"knowledge-network-backup/1", FORMAT}
MANIFEST = "backup.json"
# Each folder of files: its name in the archive and the setting that says where it is.
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class Restored:
    manifest: dict
    media_files: int
    private_files: int = 0


def _root(folder):
    return Path(getattr(settings, FOLDERS[folder]))


def files_in(folder):
    """Every file of one folder ("media" or "private")."""
    root = _root(folder)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def backup(path, progress=None):
    """Write the database and MEDIA_ROOT to the archive `path`; return its manifest.

    The archive is written beside `path` and renamed into place, readable only by its owner: it
    holds everyone's personal data.
    """
    path = Path(path)
    vendor = _vendor()
    files = {folder: files_in(folder) for folder in FOLDERS}
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "media_files": len(files["media"]),
        "private_files": len(files["private"]),
    }
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    try:
        with tempfile.TemporaryDirectory(dir=path.parent) as work:
            dump = Path(work) / DATABASE_MEMBERS[vendor]
            _report(progress, f"Copying the {VENDOR_NAMES[vendor]} database")
            _dump_database(vendor, dump)
            with tarfile.open(partial, "w:gz") as archive:
                content = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(content), int(datetime.datetime.now().timestamp())
                archive.addfile(info, io.BytesIO(content))
                archive.add(dump, arcname=dump.name)
                for folder, folder_files in files.items():
                    root = _root(folder)
                    for done, file in enumerate(folder_files, 1):
                        archive.add(file, arcname=f"{folder}/{file.relative_to(root).as_posix()}")
                        _report(progress, f"{folder.title()} files: {done}/{len(folder_files)}")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def restore(path, force=False, progress=None):
    """Replace the database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT with the archive's; return what
    was restored.

    Refuses (BackupError) when the database has any tables or either folder any files, unless
    `force`. Stop the web and worker processes first: they would write to what is replaced.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        with tarfile.open(path, "r|gz") as archive:
            members = iter(archive)
            manifest = _read_manifest(archive, next(members, None), path)
            _check_target(manifest, force)
            database = next(members, None)
            if database is None or database.name != DATABASE_MEMBERS[manifest["database"]]:
                raise BackupError(f"{path} has no database in it: it is not a complete backup.")
            with tempfile.TemporaryDirectory() as work:
                archive.extract(database, work, filter="data")
                _report(progress, f"Restoring the {VENDOR_NAMES[manifest['database']]} database")
                _load_database(manifest["database"], Path(work) / database.name)
            restored = _replace_files(archive, members, manifest, progress)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{path} could not be read as a backup archive ({error}).") from None
    return Restored(
        manifest=manifest, media_files=restored["media"], private_files=restored["private"]
    )


def _read_manifest(archive, member, path):
    if member is None or member.name != MANIFEST:
        raise BackupError(f"{path} was not made by `manage.py backup` (no {MANIFEST} first).")
    try:
        manifest = json.load(archive.extractfile(member))
    except ValueError:
        manifest = {}
    if manifest.get("format") not in READABLE_FORMATS:
        raise BackupError(f"{path} is in format {manifest.get('format')!r}; expected {FORMAT}.")
    return manifest


def _check_target(manifest, force):
    vendor = _vendor()
    if manifest["database"] != vendor:
        raise BackupError(
            f"This backup holds a {VENDOR_NAMES[manifest['database']]} database, but "
            f"DATABASE_URL points at {VENDOR_NAMES[vendor]}: restore it into "
            f"{VENDOR_NAMES[manifest['database']]}."
        )
    if force:
        return
    tables = connection.introspection.table_names()
    media, private = files_in("media"), files_in("private")
    if tables or media or private:
        raise BackupError(
            f"The database has {len(tables)} tables, MEDIA_ROOT ({settings.MEDIA_ROOT}) holds "
            f"{len(media)} files and PRIVATE_MEDIA_ROOT ({settings.PRIVATE_MEDIA_ROOT}) "
            f"{len(private)}. Restoring replaces all of them: run again with --force to do "
            f"that. Nothing was changed."
        )


def _vendor():
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _dump_database(vendor, dump):
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(dump)
        try:
            connection.connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
    else:
        _run_postgres(
            "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"]
        )


def _load_database(vendor, dump):
    if vendor == "sqlite":
        backup_copy = sqlite3.connect(dump)
        connection.ensure_connection()
        try:
            backup_copy.backup(connection.connection)  # replaces every page, in one step
        finally:
            backup_copy.close()
            connection.close()
        return
    # pg_restore turns the dump into SQL; psql runs it after dropping every table, all in one
    # transaction, so a failure leaves the database as it was.
    script = dump.with_suffix(".sql")
    _run("pg_restore", ["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", dump])
    tables = connection.introspection.table_names()
    drop = f"DROP TABLE IF EXISTS {', '.join(map(connection.ops.quote_name, tables))} CASCADE"
    connection.close()
    _run_postgres(
        "psql",
        [
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            *(["--command", drop] if tables else []),
            "--command",
            DROP_TEXT_SEARCH,
            f"--file={script}",
        ],
    )


# The dump recreates the text search configuration and dictionary the site's migrations made
# in its schema (core 0005: English without stop words), so the ones there go first.
DROP_TEXT_SEARCH = """DO $$
DECLARE found record;
BEGIN
  FOR found IN SELECT cfgname FROM pg_ts_config
      WHERE cfgnamespace = current_schema()::regnamespace LOOP
    EXECUTE format('DROP TEXT SEARCH CONFIGURATION %I CASCADE', found.cfgname);
  END LOOP;
  FOR found IN SELECT dictname FROM pg_ts_dict
      WHERE dictnamespace = current_schema()::regnamespace LOOP
    EXECUTE format('DROP TEXT SEARCH DICTIONARY %I CASCADE', found.dictname);
  END LOOP;
END $$;"""


def _run_postgres(program, parameters):
    """Run a PostgreSQL client program against the site's database (as `manage.py dbshell`)."""
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, parameters)
    _run(program, [program, *args[1:]], env)


def _run(program, args, env=None):
    try:
        result = subprocess.run(
            [str(arg) for arg in args],
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise BackupError(
            f"{program} was not found: install PostgreSQL's client programs "
            f"(Debian: apt-get install postgresql-client)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr.strip()}")


def _replace_files(archive, members, manifest, progress):
    """Empty MEDIA_ROOT and PRIVATE_MEDIA_ROOT, then extract the archive's files into them;
    the number restored into each."""
    for folder in FOLDERS:
        root = _root(folder)
        root.mkdir(parents=True, exist_ok=True)
        for child in root.iterdir():  # the contents, not the folder: it may be a mounted volume
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    done = dict.fromkeys(FOLDERS, 0)
    for member in members:
        folder, _, relative = member.name.partition("/")
        if folder not in FOLDERS or not relative:
            continue
        archive.extract(member.replace(name=relative), _root(folder), filter="data")
        if member.isfile():
            done[folder] += 1
            total = manifest.get(f"{folder}_files", 0)
            _report(progress, f"{folder.title()} files: {done[folder]}/{total}")
    return done


def _report(progress, message):
    if progress:
        progress(message)

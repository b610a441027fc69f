from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Page, Revision

from core.backups import VENDOR_NAMES, BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and every uploaded file (MEDIA_ROOT and PRIVATE_MEDIA_ROOT) with "
        "those in an archive made by `manage.py backup`. Refuses to overwrite a database with "
        "any tables, or uploaded files, unless --force. Stop the web server and worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz archive made by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and uploaded files even if they are not empty.",
        )

    def handle(self, archive, force=False, **options):
        try:
            restored = restore(archive, force=force, progress=self._progress)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        if self.stdout.isatty():
            self.stdout.write("")
        manifest = restored.manifest
        self.stdout.write(
            f"Restored the {VENDOR_NAMES[manifest['database']]} database from {archive} (made "
            f"{manifest['created']}): {Page.objects.count()} pages, {Revision.objects.count()} "
            f"revisions."
        )
        self.stdout.write(
            f"Restored {restored.media_files} media files into {settings.MEDIA_ROOT} and "
            f"{restored.private_files} private files into {settings.PRIVATE_MEDIA_ROOT}."
        )
        self._clear_caches()
        self._next_steps()

    def _clear_caches(self):
        # Whole cached pages and rate limits belong to the database that was replaced.
        try:
            for cache in caches.all(initialized_only=False):
                cache.clear()
        except Exception as error:  # the restore itself is done: say so
            self.stderr.write(f"Could not clear the cache ({error}): clear it before serving.")
        else:
            self.stdout.write("Cleared the cache.")

    def _next_steps(self):
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if unapplied:
            self.stdout.write(
                f"The code has {len(unapplied)} migrations newer than the backup: run "
                f"`manage.py migrate` next."
            )
        backends = settings.WAGTAILSEARCH_BACKENDS.values()
        if any(b["BACKEND"] != "wagtail.search.backends.database" for b in backends):
            self.stdout.write("Rebuild the search index next: `manage.py update_index`.")

    def _progress(self, message):
        if self.stdout.isatty():
            self.stdout.write(f"\r\033[K{message}", ending="")
            self.stdout.flush()

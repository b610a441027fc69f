from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from core.progress import Progress
from home.site_tree import import_lessons
from lessons.exchange.format import VISIBILITY_FLAG
from lessons.exchange.reading import FileSource, UnreadableFile
from lessons.exchange.validation import InvalidDocument, check


class Command(BaseCommand):
    help = (
        "Import lessons from a lessons/v1 JSON file. The whole file is validated first; on any "
        "error nothing changes. Networks and lessons are created or updated by slug, one "
        "import at a time."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a lessons/v1 JSON file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate the file and report errors, without changing anything.",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show the progress line even when standard error is not a terminal "
            "(it is shown on a terminal anyway, unless --verbosity 0).",
        )
        parser.add_argument(
            VISIBILITY_FLAG,
            action="store_true",
            dest="allow_visibility_change",
            help="Allow the file to make members-only networks and lessons public.",
        )

    def handle(self, file, dry_run=False, allow_visibility_change=False, progress=False, **options):
        try:
            # Read a lesson at a time, by validation and again by writing: memory stays flat.
            document = FileSource(file)
            if dry_run:
                checked = check(document, allow_visibility_change=allow_visibility_change)
                if checked.errors:
                    self._fail(checked.errors)
                self.stdout.write(
                    f"{file} is valid: {checked.count} lesson(s). Nothing was changed."
                )
                return
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable), returncode=1) from None
        shown = options.get("verbosity", 1) > 0 and (progress or self.stderr.isatty())
        bar = Progress(self._write_progress, "Importing lessons", "lessons") if shown else None
        try:
            result = import_lessons(
                document, progress=bar, allow_visibility_change=allow_visibility_change
            )
        except InvalidDocument as invalid:
            self._fail(invalid.errors)
        except UnreadableFile as unreadable:
            raise CommandError(str(unreadable), returncode=1) from None
        except OperationalError as error:
            # The database gave up (a lock waited for too long, a lost connection): the
            # transaction was rolled back, so the import can simply be run again.
            raise CommandError(
                f"The database could not complete the import ({error}); nothing was imported. "
                "Run it again.",
                returncode=1,
            ) from None
        finally:
            if bar:
                bar.end()
        self.stdout.write(result.summary())

    def _fail(self, errors):
        for error in errors:
            self.stderr.write(error)
        raise CommandError(f"{len(errors)} error(s) found; nothing was imported.", returncode=1)

    def _write_progress(self, text):
        self.stderr.write(text, ending="")
        self.stderr.flush()

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from core.progress import Progress
from home.site_tree import import_lessons
from lessons.exchange.format import VISIBILITY_FLAG
from lessons.exchange.validation import InvalidDocument, validate


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
        document = self._read(file)
        if dry_run:
            errors = validate(document, allow_visibility_change=allow_visibility_change)
            if errors:
                self._fail(errors)
            count = len(document["lessons"])
            self.stdout.write(f"{file} is valid: {count} lesson(s). Nothing was changed.")
            return
        shown = options.get("verbosity", 1) > 0 and (progress or self.stderr.isatty())
        bar = Progress(self._write_progress, "Importing lessons", "lessons") if shown else None
        try:
            result = import_lessons(
                document, progress=bar, allow_visibility_change=allow_visibility_change
            )
        except InvalidDocument as invalid:
            self._fail(invalid.errors)
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

    def _read(self, file):
        try:
            with open(file, encoding="utf-8") as handle:
                return json.load(handle)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.", returncode=1) from None
        except IsADirectoryError:
            raise CommandError(
                f"{file}: is a directory; give the path of a lessons/v1 JSON file. Nothing was "
                "imported.",
                returncode=1,
            ) from None
        except PermissionError:
            raise CommandError(f"{file}: not allowed to read it.", returncode=1) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file}: not valid JSON ({error}).", returncode=1) from None
        except ValueError:
            # Python refuses to read an integer of more than sys.get_int_max_str_digits()
            # digits (4,300): no number lessons/v1 allows comes near.
            raise CommandError(
                f"{file}: a number in it has more than {sys.get_int_max_str_digits():,} digits, "
                "more than lessons/v1 allows anywhere; nothing was imported.",
                returncode=1,
            ) from None
        except RecursionError:
            raise CommandError(
                f"{file}: not valid JSON (nested too deeply).", returncode=1
            ) from None

    def _fail(self, errors):
        for error in errors:
            self.stderr.write(error)
        raise CommandError(f"{len(errors)} error(s) found; nothing was imported.", returncode=1)

    def _write_progress(self, text):
        self.stderr.write(text, ending="")
        self.stderr.flush()

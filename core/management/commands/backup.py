import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import VENDOR_NAMES, BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database and every uploaded file (MEDIA_ROOT and PRIVATE_MEDIA_ROOT) to one "
        ".tar.gz archive, while the site runs. `manage.py restore` loads it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            default=".",
            help="The archive to write, or a folder for backup-YYYYMMDD-HHMMSS.tar.gz "
            "(default: that name in the current folder).",
        )

    def handle(self, out, **options):
        path = Path(out)
        if path.is_dir():
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = path / f"backup-{stamp}.tar.gz"
        if not path.parent.is_dir():
            raise CommandError(f"--out: the folder {path.parent} does not exist.", returncode=1)
        try:
            manifest = backup(path, progress=self._progress)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        if self.stdout.isatty():
            self.stdout.write("")
        size = path.stat().st_size / 1_000_000
        self.stdout.write(
            f"Backed up the {VENDOR_NAMES[manifest['database']]} database, "
            f"{manifest['private_files']} private files and {manifest['media_files']} media "
            f"files to {path} ({size:.1f} MB)."
        )

    def _progress(self, message):
        if self.stdout.isatty():
            self.stdout.write(f"\r\033[K{message}", ending="")
            self.stdout.flush()

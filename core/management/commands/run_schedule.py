import datetime
import logging
import subprocess
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.schedule import ScheduleError, parse

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the commands of a crontab (deploy/schedule.cron) when they are due, in the site's "
        "time zone, for as long as it runs: compose's scheduler. Each command runs in a process "
        "of its own, so a long backup delays nothing; its end and exit status are logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("crontab", nargs="?", default="deploy/schedule.cron")
        parser.add_argument(
            "--at",
            help="Run only what is due in this one minute (YYYY-MM-DDTHH:MM, local), then stop.",
        )

    def handle(self, *args, crontab, at, **options):
        self.running = {}  # process -> its command, until it ends
        try:
            entries = parse(Path(crontab).read_text())
        except (OSError, ScheduleError) as error:
            raise CommandError(f"{crontab}: {error}") from error
        if at:
            try:
                minute = datetime.datetime.fromisoformat(at)
            except ValueError as error:
                raise CommandError(f"--at: {at!r} is not YYYY-MM-DDTHH:MM") from error
            for process in self.start_due(entries, minute):
                process.wait()
            self.reap()
            return
        logger.info("Scheduler started: %d commands from %s", len(entries), crontab)
        while True:
            now = timezone.localtime()
            self.start_due(entries, now)
            self.reap()
            time.sleep(60 - timezone.localtime().second)

    def start_due(self, entries, minute):
        started = []
        for entry in entries:
            if entry.is_due(minute):
                logger.info("Starting: %s", entry.command)
                process = subprocess.Popen(entry.argv)
                self.running[process] = entry.command
                started.append(process)
        return started

    def reap(self):
        for process, command in list(self.running.items()):
            status = process.poll()
            if status is None:
                continue
            del self.running[process]
            if status == 0:
                logger.info("Finished: %s", command)
            else:
                logger.error("Failed with exit status %s: %s", status, command)

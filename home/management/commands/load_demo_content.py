import logging
import os
import secrets
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from core.addresses import absolute_url
from home import demo_content

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"


class Command(BaseCommand):
    help = (
        "Load the demo networks, people, lessons, events, resources and reviews, then index "
        "them for search. Safe to run again. Refuses unless settings allow demo content."
    )

    def handle(self, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError("Demo content is not allowed with these settings (production?).")
        password = self._password()
        with warnings_only():
            result, people = demo_content.load(password)
            call_command("update_index", verbosity=0)
        self.stdout.write(f"Lessons: {result.summary()}")
        self.stdout.write(f"People: {people}, each with the password below.")
        self.stdout.write(self.style.SUCCESS("Search index updated."))
        self.stdout.write("")
        sign_in = absolute_url(reverse("account_login"))
        self.stdout.write(f"Sign in at {sign_in} (admin: /admin/) with")
        self.stdout.write(f"    email:    {demo_content.ADMIN_EMAIL}")
        self.stdout.write(f"    password: {password}")

    def _password(self):
        """DEMO_PASSWORD from the environment, else one generated on first run and kept."""
        if os.environ.get("DEMO_PASSWORD"):
            return os.environ["DEMO_PASSWORD"]
        if PASSWORD_FILE.exists():
            return PASSWORD_FILE.read_text().strip()
        password = secrets.token_urlsafe(12)
        PASSWORD_FILE.write_text(password + "\n")
        PASSWORD_FILE.chmod(0o600)
        return password


@contextmanager
def warnings_only():
    """Loading saves hundreds of pages and runs a task for each, and each is logged (Wagtail's
    "Page edited", a task's start and end): some 1,400 lines above the password. While it loads
    only warnings and errors are logged; the summary says what was loaded."""
    previous = logging.root.manager.disable
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(previous)

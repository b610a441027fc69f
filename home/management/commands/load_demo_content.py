import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from allauth.account.models import EmailAddress

from home.site_tree import ensure_site_tree
from lessons.exchange import import_document
from network.models import Membership, NetworkPage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"
ADMIN_EMAIL = "admin@example.nhs.uk"


class Command(BaseCommand):
    help = (
        "Load the demo networks, members and lessons, then index them for search. Safe to run "
        "again. Refuses to run unless settings allow demo content (never in production)."
    )

    def handle(self, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError("Demo content is not allowed with these settings (production?).")

        password = self._password()
        with transaction.atomic():
            ensure_site_tree()
            document = json.loads((DEMO_DIR / "lessons.json").read_text(encoding="utf-8"))
            result = import_document(document)
            self.stdout.write(f"Lessons: {result.summary()}")
            people = self._load_members(password)
            self._ensure_admin(password)
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Members: {people} demo people, each with the password below.")
        self.stdout.write(self.style.SUCCESS("Search index updated."))
        self.stdout.write("")
        self.stdout.write("Sign in to the admin at http://127.0.0.1:8000/admin/ with")
        self.stdout.write(f"    email:    {ADMIN_EMAIL}")
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

    def _load_members(self, password):
        people = json.loads((DEMO_DIR / "members.json").read_text(encoding="utf-8"))["members"]
        networks = {network.slug: network for network in NetworkPage.objects.all()}
        for person in people:
            user = self._account(
                person["email"],
                password,
                first_name=person["first_name"],
                last_name=person["last_name"],
                is_staff=person.get("is_staff", False),
            )
            if person.get("is_staff"):
                user.is_superuser = True
                user.save(update_fields=["is_superuser"])
            for membership in person.get("networks", []):
                Membership.objects.update_or_create(
                    network=networks[membership["network"]],
                    user=user,
                    defaults={"role": membership["role"]},
                )
        return len(people)

    def _ensure_admin(self, password):
        user = self._account(ADMIN_EMAIL, password, first_name="Site", last_name="Administrator")
        if not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])

    def _account(self, email, password, **fields):
        """A demo account with a verified email address; its password follows the demo one."""
        User = get_user_model()
        user, created = User.objects.get_or_create(email=email, defaults=fields)
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

"""Running the site's commands in a process of their own, as a production deployment would."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://knowledge.example.nhs.uk"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "s" * 20 + "-a-long-and-random-production-secret-0123456789",
    "SITE_URL": SITE_URL,
}


def production_environment(**overrides):
    """This process's environment without the test run's Django switches, plus production's."""
    test_only = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in test_only}
    return {**environment, **PRODUCTION, **overrides}


def manage(*args, database, timeout=300):
    """`manage.py ARGS` under production settings, on the SQLite database file `database`."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_environment(DATABASE_URL=f"sqlite:///{database}"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )

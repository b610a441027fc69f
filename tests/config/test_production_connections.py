"""Production keeps database connections between requests on SQLite as on PostgreSQL: a
visitor's kept page then costs one cache read, not a connection opened for it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "from django.db import connection; d = connection.settings_dict; "
    "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
)


def test_production_keeps_sqlite_connections_between_requests_with_health_checks(tmp_path):
    test_only = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in test_only}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        SITE_URL="https://knowledge.example.nhs.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", READ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["60", "True"]

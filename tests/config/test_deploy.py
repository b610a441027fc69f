"""compose.yaml and the deploy it describes: every environment name it sets is one the settings
(or gunicorn's) read, the release step migrates and indexes, web and worker have health checks,
the scheduler runs the README's table of scheduled commands, gunicorn recycles its workers."""

import re
import runpy
import shlex
from pathlib import Path

from core.schedule import parse

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "compose.yaml").read_text()
READS = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|env_list|env_switch|whole_number)\(?\s*"([A-Z_]+)\""""
)


def block(text, header, indent):
    """The lines of the YAML block under `header` (a line of its own), those indented deeper."""
    lines = text.splitlines()
    start = lines.index(header) + 1
    inside = []
    for line in lines[start:]:
        if line.strip() and len(line) - len(line.lstrip()) < indent:
            break
        inside.append(line)
    return "\n".join(inside)


def service(name):
    return block(COMPOSE, f"  {name}:", 4)


def names_read_by_the_settings():
    sources = [*(ROOT / "config" / "settings").glob("*.py"), ROOT / "gunicorn.conf.py"]
    return {name for path in sources for name in READS.findall(path.read_text())}


def test_every_environment_name_compose_sets_for_the_site_is_read_by_the_settings():
    environment = block(block(COMPOSE, "x-site: &site", 2), "  environment:", 4)
    names = set(re.findall(r"^\s{4}([A-Z_]+):", environment, re.M))
    assert {"SECRET_KEY", "SITE_URL", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"} <= names
    assert names - names_read_by_the_settings() == set()


def test_the_settings_read_the_names_the_readme_documents():
    read = names_read_by_the_settings()
    assert {"GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER", "REDIS_URL"} <= read
    readme = (ROOT / "README.md").read_text()
    for name in ("GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER"):
        assert f"`{name}`" in readme, name


def test_the_release_step_migrates_then_fills_the_search_index_before_anything_starts():
    release = service("release")
    assert "python manage.py migrate --no-input && python manage.py update_index" in release
    for name in ("web", "worker", "scheduler"):
        assert "release:\n        condition: service_completed_successfully" in service(name)


def test_web_and_worker_have_health_checks():
    assert 'test: ["CMD", "python", "scripts/healthcheck"]' in service("web")
    assert "connection.ensure_connection()" in service("worker")
    assert (ROOT / "scripts" / "healthcheck").stat().st_mode & 0o111


def readme_schedule():
    """The README's cron lines, in the image's paths."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Scheduled commands")[1].split("\n## ")[0]
    lines = []
    for cron in re.findall(r"```cron\n(.*?)```", section, re.S):
        for line in cron.splitlines():
            line = line.replace("cd /srv/knowledge && .venv/bin/python", "python")
            lines.append(line.replace("/srv/backups", "/backups"))
    return lines


def schedule(lines):
    return sorted(
        (sorted(e.minutes), sorted(e.hours), sorted(e.weekdays), shlex.split(e.command))
        for e in parse("\n".join(lines))
    )


def test_the_scheduler_runs_every_command_in_the_readmes_table_and_no_other():
    crontab = (ROOT / "deploy" / "schedule.cron").read_text().splitlines()
    assert schedule(crontab) == schedule(readme_schedule())
    commands = {" ".join(words[:3]) for *_, words in schedule(crontab)}
    assert {"python manage.py send_digests", "python manage.py backup"} <= commands
    scheduler = service("scheduler")
    assert '"run_schedule", "deploy/schedule.cron"' in scheduler
    assert "backups:/backups" in scheduler


def test_gunicorn_recycles_its_workers_at_staggered_times(monkeypatch):
    for name in ("GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (config["max_requests"], config["max_requests_jitter"]) == (1000, 100)
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "250")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["max_requests"] == 250

"""The migrations run once for a run in several processes (pytest-xdist), not once in each.

The first process to need the test database migrates it as a template, under a file lock; each
process then works on a copy of its own, made as Django's own parallel test runner makes its
copies (clone_test_db: a copy of the file on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL),
and drops its copy at its end. The process that started the others removes the template once
all are done. A run in one process (-n 0, plain pytest), or with --reuse-db or --nomigrations,
sets up its database as pytest-django does.
"""

import fcntl
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup
from pytest_django.plugin import blocking_manager_key


def pytest_configure(config):
    # The processes' common name for the run: xdist makes one up in its controller unless given
    # one, and this controller needs it too, to remove the template at the end.
    if not hasattr(config, "workerinput") and config.getoption("testrunuid", None) is None:
        config.option.testrunuid = uuid.uuid4().hex


def _files(run):
    stem = Path(tempfile.gettempdir()) / f"kn-test-template-{run}"
    return stem.with_suffix(".lock"), stem.with_suffix(".ready")


def _template_name(connection, run):
    if connection.vendor == "sqlite":
        return str(Path(tempfile.gettempdir()) / f"kn-test-template-{run}.sqlite3")
    return f"test_{connection.settings_dict['NAME']}_{run[:12]}"


@contextmanager
def _locked(path):
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _set_name(connection, name):
    from django.conf import settings

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _from_template(aliases, serialized_aliases, run, worker, verbosity):
    """[(connection, its name before, True)], as setup_databases answers, each connection on a
    copy of the template of its own."""
    from django.db import connections
    from django.test.utils import setup_databases

    lock, ready = _files(run)
    for alias in aliases:
        connections[alias].settings_dict["TEST"]["NAME"] = _template_name(connections[alias], run)
    with _locked(lock):
        if ready.exists():
            configured = []
            for alias in aliases:
                connection = connections[alias]
                configured.append((connection, connection.settings_dict["NAME"], True))
                _set_name(connection, connection.creation._get_test_db_name())
        else:
            configured = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
            )
            ready.touch()
        for connection, _, _ in configured:
            connection.close()  # a template on PostgreSQL may have no one connected
            connection.creation.clone_test_db(suffix=worker, verbosity=verbosity)
            _set_name(connection, connection.creation.get_test_db_clone_settings(worker)["NAME"])
            if connection.alias in serialized_aliases:
                serialized = connection.creation.serialize_db_to_string()
                connection._test_serialized_contents = serialized
    return configured


@pytest.fixture(scope="session")
def django_db_setup(  # noqa: PLR0917 - pytest-django's own fixtures, as its django_db_setup asks
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's django_db_setup, with the template when several processes run."""
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    workerinput = getattr(request.config, "workerinput", None)
    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        if workerinput is None or keepdb or not django_db_use_migrations:
            configured = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
        else:
            run, worker = workerinput["testrunuid"], workerinput["workerid"]
            configured = _from_template(aliases, serialized_aliases, run, worker, verbosity)
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(configured, verbosity=verbosity)


def pytest_sessionfinish(session):
    """In the process that started the others, once they are done: remove the template, if one
    was made."""
    config = session.config
    run = config.getoption("testrunuid", None)
    if hasattr(config, "workerinput") or run is None:
        return
    lock, ready = _files(run)
    if ready.exists():
        from django.db import connections

        with config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                name = _template_name(connection, run)
                if connection.vendor == "sqlite":
                    Path(name).unlink(missing_ok=True)
                    continue
                with connection.creation._nodb_cursor() as cursor:
                    cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
        ready.unlink()
    lock.unlink(missing_ok=True)

"""Fixtures for every test. Builders (what fixtures and tests make data with) are in
tests/builders/: import those, never this file."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template import PartialTemplate, Template
from django.test.utils import _TestState

import pytest

from core import thesaurus
from home import site_tree as tree
from tests.builders.lessons import document
from tests.builders.network import make_member

pytest_plugins = ["tests.ordering", "tests.shared_database"]


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders tests by their database use
def pytest_collection_modifyitems(items):
    # pytest-django creates the test database only for tests marked as using it. Unmarked,
    # these tests would be ordered after the transactional ones, whose flush empties the
    # tables the migrations filled (frameworks, the root page).
    for item in items:
        if "module_db" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def steady_thesaurus(monkeypatch):
    """The thesaurus is looked for again at a test's first search, then kept for the test.
    Outside tests, each process compares the database's thesaurus with its copy (one small
    query) once core.thesaurus.CHECK_SECONDS have passed; on a loaded machine that could fall
    inside any query count a test pins. The copy is rebuilt only when the database's differs
    (a rolled-back test's entries send no signal); edits made in the test's own process clear
    it at once (the model's signals)."""
    monkeypatch.setattr(thesaurus, "CHECK_SECONDS", 3600.0)
    monkeypatch.setitem(thesaurus._state, "checked", float("-inf"))


@pytest.fixture(autouse=True)
def empty_redis_cache():
    """The database cache is rolled back with each test's transaction and Redis is not: with
    REDIS_URL set (.ci/run's Redis stage), each test starts with the cache empty."""
    if settings.CACHES["default"]["BACKEND"] == "core.cache.RedisCache":
        cache.clear()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole test module, rolled back at its end, for data that the
    module's tests only read: build it once in a module-scoped fixture that asks for this one.
    Each test still runs in its own savepoint, so what a test writes is undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_lessons(module_db):
    """Import lessons once for the module: module_lessons(lesson(...), ...)."""

    def _import(*lessons, networks=None):
        return tree.import_lessons(document(*lessons, networks=networks))

    return _import


@pytest.fixture
def site_tree(db):
    return tree.ensure_site_tree()


@pytest.fixture
def import_lessons(site_tree):
    def _import(*lessons, networks=None):
        return tree.import_lessons(document(*lessons, networks=networks))

    return _import


@pytest.fixture
def member_of():
    """member_of(network_slug, email=..., role=...): tests/builders/network.py's make_member."""
    return make_member


@pytest.fixture(scope="module")
def templates_unrecorded(django_test_environment):
    """For modules that make thousands of requests and read neither response.templates nor
    response.context (the fuzz cases, the admin sweep): the test client no longer copies the
    context of every template a response renders. pytest-django's test environment swaps in
    Django's instrumented render for that; this puts the plain one back for the module."""
    plain = _TestState.saved_data
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Template, "_render", plain.template_render)
        patch.setattr(PartialTemplate, "_render", plain.partial_template_render)
        yield

"""The order the suite runs in, for pytest-xdist's `load` (the Makefile): the tests that never
touch the test database first, then pytest-django's order (plain database tests, then the
transactional ones that empty the tables).

pytest-django puts the tests without the database last, and among them are some of the slowest
(each runs the site's commands in processes of its own: tests/home/test_site_from_nothing.py
migrates a database from nothing). Last, one of them could keep one process busy long after
the other has run out of tests; first, the rest of the suite fills in around them. They cannot
reach the test database, so where they run changes nothing for the others."""

import pytest

DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def uses_database(item):
    """As pytest-django decides it (the suite has no unittest TestCase classes)."""
    marked = item.get_closest_marker("django_db") is not None
    return marked or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)  # after pytest-django has put the database tests in its order
def pytest_collection_modifyitems(items):
    items.sort(key=uses_database)  # a stable sort: each group keeps its order

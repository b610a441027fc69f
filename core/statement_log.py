"""Django's log of statements, which it keeps with DEBUG on (development settings): the text of
the last 9,000, with their parameters written in. A request empties it as it starts; a command
that writes thousands of rows (an import) empties it after each batch, or it would hold
megabytes of bulk inserts."""

from django.conf import settings
from django.db import connection


def forget_logged_statements():
    """Empty the log, unless someone is capturing statements (CaptureQueriesContext, the tests'
    statement counts, turns the log on itself)."""
    if settings.DEBUG and not connection.force_debug_cursor:
        connection.queries_log.clear()

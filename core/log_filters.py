"""Filters for the LOGGING setting (config/settings/base.py)."""

import logging


class TaskTracebackOnlyOnFailure(logging.Filter):
    """Keep a traceback on a task's log record only when the task failed.

    Django logs each task's end with `sys.exc_info()` (django/tasks/signals.py), meant for the
    exception of a task that failed. A task enqueued while some other exception is being handled
    (Wagtail's index tasks, enqueued when `get_or_create` saves the row it did not find) runs at
    once with the immediate backend, and its success was logged with that handled exception's
    traceback. Below ERROR there is no failure, so the record keeps its message only.
    """

    def filter(self, record):
        if record.levelno < logging.ERROR:
            record.exc_info = None
            record.exc_text = None
        return True

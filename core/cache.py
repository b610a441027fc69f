"""The site's cache backends: Django's database and Redis caches, made to fail open.

Rate limits (ours, core/ratelimits.py, and allauth's on sign-in), Wagtail's cached site paths
and whole pages all read the one shared cache. When it cannot be reached (Redis is down, the
database cache's table is missing), every call answers as if the cache were empty and
forgetful: a read finds nothing, a write stores nothing, `add` reports it stored (so a lock
taken through it is granted), `incr` starts the count again. Nothing fails: limits let every
request through and pages are built afresh.

Each outage is logged once, as an error without a traceback, when it begins, and once more as a
warning when the cache answers again. While it lasts the cache is asked again only every
RETRY_AFTER_OUTAGE seconds (a key of the cache's settings, default 5), so requests do not each
wait for a server that does not answer. `clear()` is left to fail loudly: it is only called by
commands (restore), which must say when it did not happen.
"""

import logging
import threading
import time

from django.core.cache.backends import db, redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_OUTAGE = 5  # seconds


class _Outages:
    """Which caches are down, shared by every thread of the process, keyed by backend and
    location (never logged: a Redis address may hold a password)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._retry_at = {}  # key -> monotonic time at which to ask the cache again

    def skip(self, key):
        """Whether to answer without asking the cache: it is down and not yet due a retry."""
        retry_at = self._retry_at.get(key)
        return retry_at is not None and time.monotonic() < retry_at

    def failed(self, key, name, error, retry_after):
        with self._lock:
            began = key not in self._retry_at
            self._retry_at[key] = time.monotonic() + retry_after
        if began:
            logger.error(
                "The cache (%s) cannot be reached: %s: %s. Rate limits let every request "
                "through and nothing is cached until it answers again.",
                name,
                type(error).__name__,
                error,
            )

    def forget(self):
        with self._lock:
            self._retry_at.clear()

    def answered(self, key, name):
        if key not in self._retry_at:  # the usual case, without taking the lock
            return
        with self._lock:
            ended = self._retry_at.pop(key, None) is not None
        if ended:
            logger.warning("The cache (%s) answers again.", name)


outages = _Outages()


@receiver(setting_changed)
def forget_outages(setting, **kwargs):
    """Caches configured afresh (in tests) start with no outage behind them."""
    if setting == "CACHES":
        outages.forget()


_calls = threading.local()  # how deep this thread is in guarded calls


class FailOpen:
    """Mixed into a Django cache backend before it. Each public call is guarded once, at the
    outermost level: the database cache's get() calls get_many(), and BaseCache.incr() calls
    get() and set(), and only the call the caller made answers for an outage."""

    outage_errors = ()

    def __init__(self, server, params):
        super().__init__(server, params)
        self._outage_key = f"{type(self).__name__}:{server}"
        self._retry_after_outage = params.get("RETRY_AFTER_OUTAGE", RETRY_AFTER_OUTAGE)

    def _guarded(self, fallback, call, *args, **kwargs):
        if getattr(_calls, "depth", 0):
            return call(*args, **kwargs)
        name = type(self).__name__
        if outages.skip(self._outage_key):
            return fallback()
        _calls.depth = 1
        try:
            result = call(*args, **kwargs)
        except self.outage_errors as error:
            outages.failed(self._outage_key, name, error, self._retry_after_outage)
            return fallback()
        finally:
            _calls.depth = 0
        outages.answered(self._outage_key, name)
        return result

    def check(self):
        """Ask the cache itself, past the guard (for /health/ready/): None when it answers,
        else the error. An outage it finds is logged and remembered as any other."""
        name = type(self).__name__
        try:
            super().set("health:check", "ok", 10)
            super().get("health:check")
        except self.outage_errors as error:
            outages.failed(self._outage_key, name, error, self._retry_after_outage)
            return error
        outages.answered(self._outage_key, name)
        return None

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(dict, super().get_many, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: True, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(lambda: False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded(lambda: None, super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._guarded(lambda: delta, super().incr, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._guarded(lambda: -delta, super().decr, key, delta, version)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: default() if callable(default) else default,
            super().get_or_set,
            key,
            default,
            timeout,
            version,
        )


class DatabaseCache(FailOpen, db.DatabaseCache):
    outage_errors = (DatabaseError,)


class RedisCache(FailOpen, redis.RedisCache):
    outage_errors = (RedisError,)

"""Health endpoints for load balancers, compose and orchestrators.

`/health/live/` answers without any I/O: the process is up and serving requests (restart it if
not). `/health/ready/` asks what a request needs: the database, the shared cache and the search
backend. Only the database is required: without the cache the site carries on (core/cache.py
fails open) and without Elasticsearch search answers from the database (core/fulltext.py), so
those make the answer "degraded" (still 200, so a load balancer keeps sending visitors to a site
that works) and a missing database makes it "unavailable" (503). The answer names each check
and whether it passed, never an address or an error (those go to the log).
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

SEARCH_TIMEOUT = 2  # seconds: a readiness probe must answer before its own timeout


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def shared_cache():
    check = getattr(cache, "check", None)  # core.cache's backends; others are asked as they are
    if check is not None:
        if error := check():
            raise error
    else:
        cache.set("health:check", "ok", 10)


def search():
    backend = get_search_backend()
    client = getattr(backend, "es", None)  # Elasticsearch; the database backend has no server
    if client is not None and not client.options(request_timeout=SEARCH_TIMEOUT).ping():
        raise ConnectionError("Elasticsearch did not answer a ping")


# name, the check, whether the site can serve without it
CHECKS = (("database", database, False), ("cache", shared_cache, True), ("search", search, True))


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "live"})


@never_cache
@require_safe
def ready(request):
    results, status = {}, "ready"
    for name, check, optional in CHECKS:
        try:
            check()
        except Exception as error:  # whatever went wrong, the check failed: say so, not 500
            logger.error("Health check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = "failing"
            if not optional:
                status = "unavailable"
            elif status == "ready":
                status = "degraded"
        else:
            results[name] = "ok"
    return JsonResponse(
        {"status": status, "checks": results}, status=503 if status == "unavailable" else 200
    )

"""Whole pages for visitors who are not signed in, kept in the shared cache.

Only a GET or HEAD without a session (nor a message waiting in a cookie) is answered from the
cache, and only a GET is stored. A response is stored only when it is a 200, sets no cookie
(a form's CSRF token sets one), is not marked private or uncacheable, varies on nothing but
the cookie, and declared what it shows (core.page_cache.tag): a view that declares nothing is
never cached, so nothing is kept that no purge could reach. The key is the scheme, host, path
and query string: nothing else of the request reaches a response that passes those checks.

Headers: every HTML response varies on Cookie. A stored response tells shared caches (a CDN)
they may keep it for PAGE_CACHE_CDN_SECONDS; every other response is `private, no-cache`, so
no proxy keeps what one reader was shown.

PAGE_CACHE_SECONDS (0 turns the cache off) bounds how long a page is kept in any case, and
so the one race left: a page built from data read just before a purge, and stored just after
it, is kept with the purged tags' new versions.

Each process also keeps the last PAGE_CACHE_LOCAL_PAGES pages it served or stored (a first
tier, in memory), so a hit reads only its tags' tokens from the shared cache, not the page.
A copy from it is served only when those tokens are still current, exactly as a copy from the
shared cache is: a purge in any process takes effect here at once.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from core import page_cache

PAGE_KEY = "page-cache:page:{}"
HIT_HEADER = "X-Page-Cache"  # "hit" or "miss", for measuring and for tests


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


class _LocalPages:
    """The pages this process last served or stored, newest last, at most `size` of them."""

    def __init__(self):
        self._pages = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._pages.get(key)
            if entry is not None and entry.get("expires", 0) > time.time():
                self._pages.move_to_end(key)
                return entry
            self._pages.pop(key, None)
            return None

    def put(self, key, entry):
        size = settings.PAGE_CACHE_LOCAL_PAGES
        with self._lock:
            self._pages[key] = entry
            self._pages.move_to_end(key)
            while len(self._pages) > size:
                self._pages.popitem(last=False)

    def drop(self, key):
        with self._lock:
            self._pages.pop(key, None)

    def clear(self):
        with self._lock:
            self._pages.clear()


local_pages = _LocalPages()


def _kept(key):
    """The kept copy of a page, from this process's memory or else the shared cache, if its
    tags are still current; None otherwise."""
    stored = local_pages.get(key)
    if stored is None:
        stored = page_cache.store().get(key)
        if stored is not None:
            local_pages.put(key, stored)
    if stored is None:
        return None
    if page_cache.still_current(stored["tags"]):
        return stored
    local_pages.drop(key)
    return None


def _may_answer(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
    )


def _may_store(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or not page_cache.declared(request):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return varies <= {"cookie"}


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answerable = _may_answer(request)
        if answerable:
            stored = _kept(_key(request))
            if stored is not None:
                response = HttpResponse(stored["content"], status=stored["status"])
                for name, value in stored["headers"]:
                    response[name] = value
                for function, args in stored["on_hit"]:
                    import_string(function)(*args)
                response[HIT_HEADER] = "hit"
                return response
        response = self.get_response(request)
        if answerable and _may_store(request, response):
            self._store(request, response)
            response[HIT_HEADER] = "miss"
        elif "text/html" in response.get("Content-Type", ""):
            patch_vary_headers(response, ("Cookie",))
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
        return response

    def _store(self, request, response):
        patch_vary_headers(response, ("Cookie",))
        shared_for = settings.PAGE_CACHE_CDN_SECONDS
        patch_cache_control(response, public=True, max_age=0, s_maxage=shared_for)
        tags = page_cache.versions(page_cache.declared(request))
        headers = [(n, v) for n, v in response.items() if n.lower() != HIT_HEADER.lower()]
        entry = {
            "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            "tags": tags,
            "on_hit": page_cache.on_hit(request),
            "status": 200,
            "content": response.content,
            "headers": headers,
        }
        page_cache.store().set(_key(request), entry, settings.PAGE_CACHE_SECONDS)
        local_pages.put(_key(request), entry)

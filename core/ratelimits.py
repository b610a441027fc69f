"""Rate limits: one helper on the shared cache, one table of limits in settings.RATE_LIMITS.

    RATE_LIMITS = {"apply": "20/h/member", "suggest": "120/m/member"}

Each limit is "requests/window/per": at most that many requests in each window (a number and a
unit: s, m, h or d, so "h" is an hour and "10m" ten minutes), counted per member ("member": each
signed-in member alone, visitors who are not signed in by their address) or per address
("address"). A view asks before it acts:

    limited = ratelimits.consume(request, "apply")
    if limited:
        ...  # answer 429, with limited.headers (Retry-After) and limited.wait in words

Windows are fixed spans of the clock (an hour's window runs from one o'clock to two), counted
in the default cache (the database, or Redis when REDIS_URL is set), so every process shares
them. A client's address is the one allauth's rate limits see (`get_client_ip`): the
connecting address, or with ALLAUTH_TRUSTED_PROXY_COUNT set, the one our proxies put in
X-Forwarded-For, so visitors behind the proxy are counted apart. IPv6 addresses count by their
network (allauth's ALLAUTH_RATE_LIMIT_IPV6_PREFIX, /64), as one machine may hold all of it.

When the cache cannot be reached, the cache backend (core/cache.py) fails open: every request
is let through and the outage is logged once.
"""

import functools
import ipaddress
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import JsonResponse

from allauth import app_settings as allauth_settings
from allauth.account.adapter import get_adapter

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PER = ("member", "address")
RATE = re.compile(r"(?P<requests>[0-9]+)/(?P<count>[0-9]*)(?P<unit>[smhd])/(?P<per>[a-z]+)")


@dataclass(frozen=True)
class Limit:
    name: str
    requests: int
    window: int  # seconds
    per: str

    @classmethod
    def parse(cls, name, rate):
        match = RATE.fullmatch(str(rate).strip())
        if not match or match["per"] not in PER:
            raise ImproperlyConfigured(
                f'RATE_LIMITS["{name}"] must read like "20/h/member" or "5/10m/address" '
                f"(requests/window/member or address), not {rate!r}."
            )
        window = int(match["count"] or 1) * UNITS[match["unit"]]
        if int(match["requests"]) < 1 or window < 1:
            raise ImproperlyConfigured(
                f'RATE_LIMITS["{name}"] must allow at least one request in a window of at '
                f"least a second, not {rate!r}."
            )
        return cls(name, int(match["requests"]), window, match["per"])

    @property
    def span(self):
        """The window in words: "an hour", "10 minutes", "a day"."""
        for unit, seconds in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
            if self.window % seconds == 0:
                count = self.window // seconds
                if count == 1:
                    return f"{'an' if unit == 'hour' else 'a'} {unit}"
                return f"{count} {unit}s"


def limit(name):
    """The limit named in settings.RATE_LIMITS."""
    try:
        rate = settings.RATE_LIMITS[name]
    except KeyError:
        raise ImproperlyConfigured(f'RATE_LIMITS has no limit named "{name}".') from None
    return Limit.parse(name, rate)


@dataclass(frozen=True)
class Limited:
    """A request over its limit: when the next one will be let through."""

    limit: Limit
    retry_after: int  # whole seconds, at least 1

    @property
    def headers(self):
        return {"Retry-After": str(self.retry_after)}

    @property
    def wait(self):
        """How long to wait, in words: "40 seconds", "12 minutes", "1 hour and 5 minutes"."""
        seconds = self.retry_after
        if seconds < 60:
            return _counted(seconds, "second")
        minutes = math.ceil(seconds / 60)
        if minutes < 60:
            return _counted(minutes, "minute")
        if minutes < 48 * 60:
            hours, minutes = divmod(minutes, 60)
            if minutes:
                return f"{_counted(hours, 'hour')} and {_counted(minutes, 'minute')}"
            return _counted(hours, "hour")
        return _counted(math.ceil(seconds / 86400), "day")


def _counted(amount, unit):
    return f"{amount} {unit}{'' if amount == 1 else 's'}"


def client_address(request):
    """The client's address as allauth's rate limits see it (IPv6 by its network), or
    "unknown" for one it cannot read, so that garbage in X-Forwarded-For shares one count."""
    try:
        address = ipaddress.ip_address(get_adapter(request).get_client_ip(request))
    except (PermissionDenied, ImproperlyConfigured, ValueError):
        return "unknown"
    if address.version == 6:
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)
    return str(address)


def _counted_as(request, per):
    user = getattr(request, "user", None)
    if per == "member" and user is not None and user.is_authenticated:
        return f"member:{user.pk}"
    return f"address:{client_address(request)}"


def consume(request, name, *, now=None):
    """Count this request against the named limit: None if it may go ahead, a Limited if it
    is one too many. `now` is the clock in seconds (default: time.time()), for tests."""
    rule = limit(name)
    now = time.time() if now is None else now
    start = math.floor(now / rule.window) * rule.window
    ends_in = start + rule.window - now
    key = f"ratelimit:{name}:{start}:{_counted_as(request, rule.per)}"
    timeout = math.ceil(ends_in) + 1
    if cache.add(key, 1, timeout):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # it expired between the two calls: a new window
            cache.set(key, 1, timeout)
            count = 1
    if count <= rule.requests:
        return None
    return Limited(rule, max(1, math.ceil(ends_in)))


def limited_json(name):
    """A view decorator for JSON answers (the API): each request counts against the named
    limit, and one too many is answered 429 with Retry-After and, in JSON, the wait in words
    and in seconds. Every view it decorates with the same name shares one count."""

    def decorate(view):
        @functools.wraps(view)
        def limited_view(request, *args, **kwargs):
            if limited := consume(request, name):
                message = f"Too many requests. Try again in {limited.wait}."
                return JsonResponse(
                    {"message": message, "retry_after": limited.retry_after},
                    status=429,
                    headers=limited.headers,
                )
            return view(request, *args, **kwargs)

        return limited_view

    return decorate


@checks.register(checks.Tags.compatibility)
def check_rate_limits(app_configs, **kwargs):
    """Every limit in settings.RATE_LIMITS reads as a limit, at start-up rather than when a
    request first asks for it."""
    errors = []
    for name, rate in getattr(settings, "RATE_LIMITS", {}).items():
        try:
            Limit.parse(name, rate)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="core.E001"))
    return errors

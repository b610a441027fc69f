"""Rate limits (core/ratelimits.py) on the shared cache, and a cache that fails open
(core/cache.py): limits hold and reset, visitors behind our proxy are counted apart, and with
the cache unreachable every request (sign-in included) still succeeds and the outage is logged
once. The limits run on the database cache and on a real Redis (Debian's redis-server, started
here on a free port)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.checks import Tags, run_checks
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from config.settings.base import cache_settings
from core.ratelimits import Limit, consume
from lessons.models import Application
from tests.builders.redis import redis_server

PASSWORD = "a-long-test-password-7"
SUGGEST = "/search/suggest/?q=huddles"
APPLY = "/lessons/ratelimited-huddles/apply/"
UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1
PROXY = "10.0.0.1"
START = 86_400 * 20_000  # a time on the clock where every window starts (midnight)


def member(email="member@example.nhs.uk"):
    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def visitor(address=None, user=None, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get("/", headers=headers, REMOTE_ADDR=address or "192.0.2.1")
    if user is not None:
        request.user = user
    return request


def application(**changes):
    return {
        "organisation_type": "community_trust",
        "setting": "district nursing",
        "region": "north_west",
        "scale": "team",
        "team_years": "12",
        "applied_on": "15/3/2025",
        "what_we_did": "Ran the huddle at 8.30 with the district nurses, by phone.",
        **changes,
    }


@pytest.fixture
def huddles(import_lessons):
    """A public, published lesson to apply."""
    import_lessons(
        {
            "slug": "ratelimited-huddles",
            "title": "Huddles that hold",
            "summary": "Ten-minute huddles at 9am.",
            "status": "published",
            "visibility": "public",
        }
    )


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """The Redis the settings read from REDIS_URL (.ci/run starts one), or one of our own."""
    if settings.CACHES["default"]["BACKEND"] == "core.cache.RedisCache":
        yield settings.CACHES["default"]["LOCATION"]
        return
    server = redis_server(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, db):
    """The cache the site configures: the database's, or Redis as with REDIS_URL set."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    with override_settings(CACHES=cache_settings(url)):
        if url:
            cache.clear()
        else:  # the test database has no cache table when the settings chose Redis
            call_command("createcachetable")
        yield request.param


# The helper, on each cache


@override_settings(RATE_LIMITS={"test": "3/m/address"})
def test_a_limit_lets_its_requests_through_and_refuses_the_next(shared_cache):
    outcomes = [consume(visitor(), "test", now=START + 10) for _ in range(4)]
    assert outcomes[:3] == [None, None, None]
    assert outcomes[3].retry_after == 50  # the window ends at START + 60
    assert outcomes[3].headers == {"Retry-After": "50"}
    assert outcomes[3].wait == "50 seconds"


@override_settings(RATE_LIMITS={"test": "2/10m/member"})
def test_a_limit_resets_when_its_window_ends(shared_cache):
    assert consume(visitor(), "test", now=START) is None
    assert consume(visitor(), "test", now=START + 1) is None
    assert consume(visitor(), "test", now=START + 599).retry_after == 1
    assert consume(visitor(), "test", now=START + 600) is None


@override_settings(RATE_LIMITS={"test": "1/h/member"})
def test_each_member_has_their_own_count_and_visitors_are_counted_by_address(shared_cache):
    ann, bob = member("ann@example.nhs.uk"), member("bob@example.nhs.uk")
    same_address = "198.51.100.7"
    assert consume(visitor(same_address, ann), "test", now=START) is None
    assert consume(visitor(same_address, bob), "test", now=START) is None
    assert consume(visitor(same_address), "test", now=START) is None
    assert consume(visitor(same_address, ann), "test", now=START).wait == "1 hour"
    assert consume(visitor(same_address), "test", now=START) is not None
    assert consume(visitor("198.51.100.8"), "test", now=START) is None


@override_settings(RATE_LIMITS={"test": "1/m/address"})
def test_ipv6_addresses_are_counted_by_their_network(db):
    assert consume(visitor("2001:db8:1:2::1"), "test", now=START) is None
    assert consume(visitor("2001:db8:1:2::ffff"), "test", now=START) is not None
    assert consume(visitor("2001:db8:1:3::1"), "test", now=START) is None


def test_every_limit_in_the_settings_reads_as_a_limit(settings):
    limits = [Limit.parse(name, rate) for name, rate in settings.RATE_LIMITS.items()]
    assert {limit.name for limit in limits} >= {"apply", "suggest"}
    assert Limit.parse("apply", "20/h/member").span == "an hour"
    assert Limit.parse("x", "5/10m/address") == Limit("x", 5, 600, "address")


@override_settings(RATE_LIMITS={"suggest": "120 a minute"})
def test_a_limit_that_does_not_read_stops_the_site_at_start_up():
    errors = [e for e in run_checks(tags=[Tags.compatibility]) if e.id == "core.E001"]
    assert len(errors) == 1 and '"20/h/member"' in errors[0].msg


# Suggestions and "we applied this"


@override_settings(RATE_LIMITS={"suggest": "3/m/member"})
def test_suggestions_over_the_limit_answer_429_in_json_saying_when_to_try_again(db, client):
    for _ in range(3):
        assert client.get(SUGGEST).status_code == 200
    response = client.get(SUGGEST)
    assert response.status_code == 429
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    body = response.json()
    assert body["suggestions"] == [] and body["retry_after"] == retry_after
    assert "Try again in " in body["message"] and "second" in body["message"]


@override_settings(RATE_LIMITS={"suggest": "2/m/address"}, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_two_visitors_behind_the_proxy_are_limited_separately(db, client):
    def suggest(forwarded_for):
        return client.get(SUGGEST, REMOTE_ADDR=PROXY, headers={"X-Forwarded-For": forwarded_for})

    assert [suggest("203.0.113.5").status_code for _ in range(3)] == [200, 200, 429]
    assert suggest("203.0.113.6").status_code == 200
    # A client cannot pick its address: our proxy appends the one it saw to what it was sent.
    assert suggest("203.0.113.99, 203.0.113.5").status_code == 429


@override_settings(RATE_LIMITS={"suggest": "2/m/address"})
def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(db, client):
    def suggest(forwarded_for):
        return client.get(SUGGEST, headers={"X-Forwarded-For": forwarded_for})

    assert [suggest(f"203.0.113.{n}").status_code for n in (1, 2, 3)] == [200, 200, 429]


@override_settings(RATE_LIMITS={"apply": "2/h/member"})
def test_applying_over_the_limit_shows_the_form_again_with_what_was_typed(huddles, client):
    client.force_login(member())
    for ward in ("ward 7", "ward 9"):  # two settings: two applications (a repeat edits one)
        assert client.post(APPLY, application(setting=ward)).status_code == 302
    typed = application(setting="a typed setting", what_we_did="What we typed, kept.")
    response = client.post(APPLY, typed)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 3600
    page = response.content.decode()
    assert "as many applications as we take in an hour" in page
    assert "Send them again in " in page
    assert 'value="a typed setting"' in page and "What we typed, kept." in page
    assert Application.objects.count() == 2


@override_settings(RATE_LIMITS={"apply": "1/h/member"})
def test_a_form_with_mistakes_does_not_count_against_the_limit(huddles, client):
    client.force_login(member())
    for _ in range(3):
        assert client.post(APPLY, application(region="")).status_code == 200
    assert client.post(APPLY, application()).status_code == 302


# When the cache cannot be reached


@pytest.fixture
def unreachable_cache():
    settings = cache_settings(UNREACHABLE)
    settings["default"]["RETRY_AFTER_OUTAGE"] = 0  # ask the cache on every call
    with override_settings(CACHES=settings):
        yield


def outage_records(caplog):
    return [r for r in caplog.records if r.name == "core.cache" and r.levelno == logging.ERROR]


@override_settings(RATE_LIMITS={"suggest": "1/m/member", "apply": "1/h/member"})
def test_with_the_cache_unreachable_limits_let_requests_through_and_the_outage_is_logged_once(
    huddles, client, unreachable_cache, caplog
):
    caplog.set_level(logging.INFO, logger="core.cache")
    assert [client.get(SUGGEST).status_code for _ in range(3)] == [200, 200, 200]
    client.force_login(member())
    assert client.get(APPLY).status_code == 200
    wards = ("ward 7", "ward 9")  # two settings: two applications (a repeat edits one)
    assert [client.post(APPLY, application(setting=w)).status_code for w in wards] == [302, 302]
    assert client.get("/lessons/ratelimited-huddles/").status_code == 200
    assert Application.objects.count() == 2
    (record,) = outage_records(caplog)
    assert "cannot be reached" in record.getMessage() and record.exc_info is None
    assert "127.0.0.1:1" in record.getMessage()


def test_sign_in_works_while_the_cache_is_unreachable(db, client, unreachable_cache):
    member()
    refused = client.post("/accounts/login/", {"login": "member@example.nhs.uk", "password": "no"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(
        "/accounts/login/", {"login": "member@example.nhs.uk", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "member@example.nhs.uk"


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="a failed statement ends PostgreSQL's transaction, and each test runs in one",
)
@override_settings(RATE_LIMITS={"suggest": "1/m/member"})
def test_with_the_cache_table_missing_suggestions_still_answer(db, client, caplog):
    caches = {"default": {**cache_settings()["default"], "LOCATION": "no_such_cache_table"}}
    with override_settings(CACHES=caches):
        assert [client.get(SUGGEST).status_code for _ in range(2)] == [200, 200]
    (record,) = outage_records(caplog)
    assert "no such table" in record.getMessage()


@override_settings(RATE_LIMITS={"test": "1/m/address"})
def test_each_outage_is_logged_when_it_begins_and_when_it_ends(db, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="core.cache")
    server = redis_server(tmp_path)
    settings = cache_settings(server.url)
    settings["default"]["RETRY_AFTER_OUTAGE"] = 0
    try:
        with override_settings(CACHES=settings):
            assert consume(visitor(), "test", now=START) is None
            server.stop()
            for _ in range(3):
                assert consume(visitor(), "test", now=START) is None
            server.start()
            assert consume(visitor(), "test", now=START + 60) is None
            assert consume(visitor(), "test", now=START + 60) is not None
            server.stop()
            assert consume(visitor(), "test", now=START + 60) is None
    finally:
        server.stop()
    logged = [(r.levelname, r.getMessage().split(":")[0]) for r in caplog.records]
    assert logged == [
        ("ERROR", "The cache (RedisCache) cannot be reached"),
        ("WARNING", "The cache (RedisCache) answers again."),
        ("ERROR", "The cache (RedisCache) cannot be reached"),
    ]


# The JSON API: one shared limit


@override_settings(RATE_LIMITS={"api": "3/m/member"})
def test_the_api_shares_one_limit_over_its_addresses_and_answers_429_in_json(db, client):
    addresses = ("/api/lessons/search/?q=huddles", "/api/lessons/similar/?setting=wards") * 2
    answers = [client.get(address) for address in addresses]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[3].json()
    assert refused["retry_after"] == int(answers[3].headers["Retry-After"])
    assert refused["message"].startswith("Too many requests. Try again in ")

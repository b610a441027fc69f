"""The site on a real Redis (Debian's redis-server, started here on a free port) that goes away
and comes back: allauth's sign-in limits count on it while it answers; while it is down every
page answers, people sign in and stay signed in (sessions are in the database), and the log
says so once when it goes and once when it is back."""

import logging

from django.test import Client, override_settings

import pytest

from config.settings.base import cache_settings
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import lesson
from tests.builders.redis import redis_server

MEMBER = "member@example.nhs.uk"


@pytest.fixture
def redis(tmp_path):
    server = redis_server(tmp_path)
    caches = cache_settings(server.url)
    caches["default"]["RETRY_AFTER_OUTAGE"] = 0  # ask Redis on every call, so it is seen back
    # The pages alias too: every page asks it for the routing version (core/routing.py), and
    # an outage is one per server, so its longer wait would hold back the default's retry.
    caches["pages"]["RETRY_AFTER_OUTAGE"] = 0
    with override_settings(CACHES=caches):
        yield server
    server.stop()


def sign_in(client, password=PASSWORD):
    return client.post("/accounts/login/", {"login": MEMBER, "password": password})


def test_while_redis_is_down_pages_answer_and_people_sign_in_and_the_log_says_so(
    redis, import_lessons, caplog
):
    caplog.set_level(logging.INFO, logger="core.cache")
    import_lessons(lesson(slug="huddles", title="Safety huddles"))
    make_user(MEMBER)
    before = Client()
    assert sign_in(before).status_code == 302

    redis.stop()
    for address in ("/", "/lessons/huddles/", "/search/?q=huddles", "/accounts/login/"):
        assert Client().get(address).status_code == 200, address
    assert before.get("/").context["user"].email == MEMBER  # still signed in
    during = Client()
    assert sign_in(during, "wrong").status_code == 200
    assert sign_in(during).status_code == 302
    assert during.get("/lessons/huddles/").status_code == 200

    redis.start()
    assert Client().get("/").status_code == 200
    records = [r for r in caplog.records if r.name == "core.cache"]
    logged = [(r.levelname, r.getMessage().split(":")[0]) for r in records]
    assert logged == [
        ("ERROR", "The cache (RedisCache) cannot be reached"),
        ("WARNING", "The cache (RedisCache) answers again."),
    ]
    assert not any(record.exc_info for record in records)


def test_failed_sign_ins_are_counted_on_redis_where_every_process_sees_them(redis, db):
    make_user(MEMBER)
    for _ in range(5):
        assert "is not right" in sign_in(Client(), "wrong").content.decode()
    # Another process (a fresh client, no session) sees the same count: it is in Redis.
    assert "Too many failed login attempts" in sign_in(Client()).content.decode()

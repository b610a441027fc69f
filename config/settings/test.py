import os
import tempfile
from urllib.parse import urlsplit

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test runner swaps every mailer for the in-memory outbox (django.core.mail.outbox).
WHITENOISE_AUTOREFRESH = True
DEMO_CONTENT_ALLOWED = True

# A SQLite test database in a file, as in production: an in-memory one shared between
# connections locks whole tables and fails at once ("database table is locked") where a file
# database waits for its write lock, so tests that save from many threads could not run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kn-test-{os.getpid()}.sqlite3")
    }

# With REDIS_URL set (.ci/run's Redis stage), each pytest-xdist process keeps its cache in a
# Redis database of its own (1, 2, ...), so one process's counts and clears never reach another's.
if os.environ.get("REDIS_URL"):
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    _redis = urlsplit(os.environ["REDIS_URL"])
    CACHES = cache_settings(_redis._replace(path=f"/{1 + int(_worker)}").geturl())  # noqa: F405

# Two-factor sign-in stays optional in tests, whatever the environment says; the tests of the
# requirement turn it on (tests/accounts/test_two_factor*.py).
TWO_FACTOR_REQUIRED = False

# Whole pages for visitors are not kept in tests, so a test that changes something and looks
# again sees the change; the tests of the cache turn it on (tests/core/page_cache/).
PAGE_CACHE_SECONDS = 0

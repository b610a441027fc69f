from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test runner swaps every mailer for the in-memory outbox (django.core.mail.outbox).
WHITENOISE_AUTOREFRESH = True
DEMO_CONTENT_ALLOWED = True
# Tests write recorded searches with search.insights.flush(), inside their own transaction.
SEARCH_INSIGHTS_IN_BACKGROUND = False

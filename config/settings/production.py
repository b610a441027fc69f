from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
if not os.environ.get("SITE_URL"):  # noqa: F405
    raise ImproperlyConfigured(
        "Set SITE_URL in the environment for production, e.g. https://knowledge.example.nhs.uk"
    )

# Hashed, compressed files served by WhiteNoise; built by `manage.py collectstatic`.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"}}  # noqa: F405

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Connections kept between requests on SQLite too, as on PostgreSQL (base.py): a visitor's kept
# page costs one small cache read (core/anonymous_pages.py), and opening the file and setting
# its pragmas cost more than that. In autocommit each statement reads the latest commit, so a
# purge by another process is still seen at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind one proxy (README, "Running in production"): each visitor's address is the one it adds
# to X-Forwarded-For, so rate limits count visitors apart rather than all as the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = trusted_proxy_count(default=1)  # noqa: F405
SECURE_SSL_REDIRECT = True
# compose's health checks ask the container itself over plain HTTP (core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Two-factor sign-in for the roles that can see other people's data (accounts/two_factor.py).
TWO_FACTOR_REQUIRED = env_switch("TWO_FACTOR_REQUIRED", default=True)  # noqa: F405

# A CDN in front of the site (docs/deploy.md, "A CDN"): Wagtail's frontend_cache, installed only
# when one is named, purges a page's addresses from it when the page is published or
# unpublished; everything else it keeps PAGE_CACHE_CDN_SECONDS.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # noqa: F405
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],  # noqa: F405
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):  # noqa: F405
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],  # noqa: F405
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),  # noqa: F405
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")  # noqa: F405

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),  # noqa: F405
            "port": int(os.environ.get("EMAIL_PORT", "587")),  # noqa: F405
            "username": os.environ.get("EMAIL_HOST_USER", ""),  # noqa: F405
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),  # noqa: F405
            "use_tls": True,
        },
    }
}


def without_query_string(event, hint):
    """Search words are people's words: a Sentry event keeps the path, never the query."""
    event.get("request", {}).pop("query_string", None)
    return event


# Errors to Sentry when SENTRY_DSN is set, without personal data: no user ids, email or IP
# addresses, cookies, request bodies or query strings (people's words), or the local variables
# of stack frames.
if os.environ.get("SENTRY_DSN"):  # noqa: F405
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],  # noqa: F405
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),  # noqa: F405
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=without_query_string,
        traces_sample_rate=0,
    )

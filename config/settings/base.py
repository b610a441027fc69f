"""Settings shared by every environment, read from the environment where they vary.

Environment variables:
    DATABASE_URL       sqlite:///PATH or postgres://USER:PASS@HOST/NAME (default: SQLite file
                       db.sqlite3 in the project)
    SECRET_KEY         required in production
    ALLOWED_HOSTS      comma-separated host names
    ELASTICSEARCH_URL  optional; search on Elasticsearch 9, the database as fallback
    REDIS_URL          optional; shared cache for rate limits (database cache otherwise)
    TRUSTED_PROXY_COUNT  how many proxies of ours add X-Forwarded-For (default 0; production 1)
    SITE_URL           the site's public address, e.g. https://knowledge.example.nhs.uk
                       (default: http://127.0.0.1:8000, where `make run` serves)
    MEDIA_ROOT         where uploads are stored (default: media/ in the project)
    PRIVATE_MEDIA_ROOT where private uploads are stored (default: private-media/ in the project)
    STATIC_ROOT        where collectstatic writes (default: staticfiles/ in the project)
    LOG_LEVEL          the least severe log messages written to stdout (default: INFO)
    TWO_FACTOR_REQUIRED  "1" requires two-factor sign-in of the roles in TWO_FACTOR_ROLES
                       (default: off here and in development, on in production)
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_switch(name, default):
    """An on/off setting from the environment: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (on or off), not {value!r}.")


def site_url(value):
    """SITE_URL checked, without a trailing slash: a scheme and a host, perhaps a port."""
    parts = urlsplit(value.strip().rstrip("/"))
    try:
        valid = (
            parts.scheme in ("http", "https")
            and parts.hostname
            and parts.port != 0  # reading the port raises ValueError if it is not a number
            and not (parts.username or parts.path or parts.query or parts.fragment)
        )
    except ValueError:
        valid = False
    if not valid:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's address, like https://knowledge.example.nhs.uk, "
            f"not {value!r}."
        )
    return parts.geturl()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
# Where the site is published: the Site record (so links in the sitemap, calendars and emails)
# and the admin's base URL follow it, and it is the one allowed host unless ALLOWED_HOSTS says.
SITE_URL = site_url(os.environ.get("SITE_URL") or "http://127.0.0.1:8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [urlsplit(SITE_URL).hostname]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "core",
    "home",
    "lessons",
    "network",
    "maturity",
    "search",
    "themes",
    "following",
    "campaigns",
    "api",
    "ninja",  # its Swagger UI files, served as our static files (api/main.py)
    "assessments",
    "questions",
    "django_tasks_db",
    "wagtailnhsukfrontend",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",  # editors' picks (search/picks.py)
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RefuseNulMiddleware",
    # Before sessions, CSRF and sign-in: a page kept for visitors is answered without them.
    "core.anonymous_pages.AnonymousPageCacheMiddleware",
    # After it, so a kept page pays nothing for routing; the site and root paths each process
    # keeps (core/routing.py).
    "core.routing.SiteRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy (Django's, through core.middleware for the admin's own policy): our
# pages run only our own files and base.html's one inline script, allowed by its hash (not a
# nonce, so a page kept in a cache stays valid); no style="" attributes; NHS.UK frontend's
# stylesheet asks assets.nhs.uk for its fonts. tests/core/test_security_headers.py holds every
# inline script of every page type to a hash here.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, "'sha256-dDfkBhuvkrBO74AHCksCCz492OLbG05VLk4ShAPgYS8='"],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "https://assets.nhs.uk"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],  # Wagtail's preview shows a page in a frame of the admin
}
# Under /admin/: Wagtail's admin still writes inline scripts and style attributes of its own.
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
}
# Browser features the site never uses, refused to every page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# Editors' pictures in the admin would ask gravatar.com with a hash of their email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin's dashboard would ask releases.wagtail.org for a newer version from each editor's
# browser; upgrades come through requirements.lock instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "accounts.context_processors.roles",
                "home.context_processors.site_sections",
            ],
        },
    },
]


# Database: SQLite by default. WAL lets readers carry on while one writer writes; IMMEDIATE
# transactions take the write lock up front and the timeout makes a second writer wait for it,
# so concurrent saves queue instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_url(url):
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASE_IS_POSTGRES:
    # Wagtail's database search backend uses PostgreSQL's full-text search through this app.
    INSTALLED_APPS.append("django.contrib.postgres")


# Cache: shared by every process, because rate limits must hold across them. Both backends fail
# open (core/cache.py): when the cache cannot be reached, limits let requests through, pages are
# built afresh, sign-in keeps working, and the outage is logged once.
# Kept pages and fragments have a cache of their own ("pages", core/page_cache.py), so that
# filling it (one page per address and query) never culls a rate limit's count.
def cache_settings(redis_url=None):
    if redis_url:
        redis = {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": redis_url,
            # A Redis that does not answer costs a request at most a second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        return {"default": redis, "pages": {**redis, "KEY_PREFIX": "pages"}}
    return {
        "default": {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "cache_table"},
        "pages": {
            "BACKEND": "core.cache.DatabaseCache",
            "LOCATION": "page_cache_table",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }


CACHES = cache_settings(os.environ.get("REDIS_URL"))

# Whole pages for visitors not signed in (core/anonymous_pages.py), purged when what they show
# changes (core/page_cache.py); these bound how long a copy is kept in any case (0: not cached)
# and how long a CDN may keep one (it is purged by address only when a page is published).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "60"))
# Pages each process also keeps in memory, so a hit reads only its tags' tokens from the
# shared cache (core/anonymous_pages.py); 0 keeps none there.
PAGE_CACHE_LOCAL_PAGES = int(os.environ.get("PAGE_CACHE_LOCAL_PAGES", "200"))

# Rate limits (core/ratelimits.py): name -> "requests/window/per". The window is a number and
# a unit (s, m, h, d; "h" is one hour, "10m" ten minutes); "member" counts each signed-in
# member alone (and visitors who are not signed in by address), "address" counts by address.
RATE_LIMITS = {
    "apply": "20/h/member",  # "we applied this" recorded (each emails the author and facilitators)
    "suggest": "120/m/member",  # title suggestions as someone types in a search box
    "api": "300/m/member",  # the JSON API (/api/...), one count over all its addresses
    "invite": "30/h/member",  # invitations to an organisation's assessments (each an email)
    "pledge": "10/h/address",  # signing a campaign's pledge (each emails a confirmation)
    "post": "30/h/member",  # questions, answers and comments on lessons (some email authors)
    "report": "20/h/member",  # reporting a post to its moderators
}

# How long after a campaign's pledge closes its signers' details are kept (purge_pledges).
PLEDGE_RETENTION_MONTHS = int(os.environ.get("PLEDGE_RETENTION_MONTHS", "12"))


# How many proxies of ours stand in front of the site, each adding the address it received the
# request from to X-Forwarded-For. allauth's rate limits and ours read the client's address from
# that header through this one setting; 0 (here) trusts no header and uses the address that
# connected. Production sets 1 (config/settings/production.py).
def trusted_proxy_count(default):
    value = os.environ.get("TRUSTED_PROXY_COUNT", str(default))
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be a whole number, not {value!r}.")
    return int(value)


ALLAUTH_TRUSTED_PROXY_COUNT = trusted_proxy_count(default=0)


# Accounts: email addresses are the login; allauth owns sign up, log in and password reset.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_SIGNUP_REDIRECT_URL = "/members/me/edit/"  # a new member's first step: their profile
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None
# allauth's defaults, stated so they are visible: 5 failed logins per address per 5 minutes,
# 30 logins and 20 sign ups per minute per IP, on the shared cache above.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# In the site's words: sentence case, UK English, emails that name the site (accounts/).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""

# Two-factor sign-in (allauth's MFA): an authenticator app, with recovery codes for a lost one.
# Optional for members; required of the roles that can see and export other people's data,
# each a predicate `(user) -> bool` named here like AUTHENTICATION_BACKENDS, so the app that owns
# a role adds it in one line (accounts/two_factor.py, the rule's home). Off unless
# TWO_FACTOR_REQUIRED says (production turns it on), so `make run` needs no authenticator app.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
TWO_FACTOR_REQUIRED = env_switch("TWO_FACTOR_REQUIRED", default=False)
TWO_FACTOR_ROLES = [
    "accounts.roles.is_site_editor",
    "network.models.networks.facilitates_a_network",
    "network.models.roles.is_regional_lead",
    "assessments.models.organisations.leads_an_organisation",
]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Knowledge network <no-reply@localhost>")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}


# Internationalisation
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True


# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
# Files served only through views that ask the owning object's read rule (core/private_files.py):
# outside MEDIA_ROOT, so nothing that serves /media/ can reach them.
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Wagtail
WAGTAIL_SITE_NAME = "Knowledge Mobilisation Network"
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name authenticator apps show beside the code

# OAI-PMH at /oai/ (api/oai.py): what Identify says of the repository. The earliest
# datestamp must be no later than the first lesson's record (when the site opened).
OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", WAGTAIL_SITE_NAME)
OAI_ADMIN_EMAILS = env_list("OAI_ADMIN_EMAILS", "knowledge-network@localhost")
OAI_EARLIEST_DATESTAMP = os.environ.get("OAI_EARLIEST_DATESTAMP", "2020-01-01T00:00:00Z")

# Shared lessons are reviewed by their network's facilitators; members are told it usually
# takes this many working days.
LESSON_REVIEW_DAYS = int(os.environ.get("LESSON_REVIEW_DAYS", "5"))
# The largest evidence file a lesson's authors may upload (PDF, Office documents, images).
LESSON_EVIDENCE_MAX_BYTES = int(os.environ.get("LESSON_EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))
WAGTAIL_FINISH_WORKFLOW_ACTION = "lessons.moderation.finish.publish_approved"
WAGTAILADMIN_BASE_URL = SITE_URL
# Page slugs made from titles in plain ASCII, as lessons/v1 writes lesson and network slugs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin signs people in through allauth, so it has the same rate limits and no second door;
# this view sends them there, and tells a signed-in member without admin rights what they can do.
WAGTAILADMIN_LOGIN_URL = "admin_sign_in"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
TAGGIT_CASE_INSENSITIVE = True


# Search: the database backend always exists; with ELASTICSEARCH_URL set, Elasticsearch becomes
# the default and the database backend stays as the fallback.
# Wagtail's database backend, with every query cleaned first (core/search_backend.py).
DATABASE_SEARCH = {"BACKEND": "core.search_backend"}
if DATABASE_IS_POSTGRES:
    # English word forms, as search/migrations do on SQLite, and every word kept, so a phrase
    # ("after action review") is matched word for word (core/migrations/0004).
    DATABASE_SEARCH["SEARCH_CONFIG"] = "english_all_words"
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH}
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Elasticsearch 9 with the thesaurus and English word forms.
            "BACKEND": "core.search_backend.ElasticsearchBackend",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX": os.environ.get("ELASTICSEARCH_INDEX", "knowledge-network"),
            "TIMEOUT": 5,
        },
        "database": DATABASE_SEARCH,
    }

# Background work (emails first): run in the request in development and tests; stored in the
# database and run by `manage.py db_worker` in production.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# How long after a member records applying a lesson they are asked for the result
# (`manage.py send_application_reminders`, run daily from cron).
APPLICATION_REMINDER_AFTER = datetime.timedelta(days=91)

# Logging: everything to stdout, where gunicorn, compose or systemd collect it. Django's own
# default sends request errors only to ADMINS by email (and to the console only when DEBUG), so
# its "django" logger is pointed at the same handler: a 500 leaves its traceback here.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "filters": {
        "task_traceback_only_on_failure": {"()": "core.log_filters.TaskTracebackOnlyOnFailure"},
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.tasks": {"filters": ["task_traceback_only_on_failure"]},
    },
}

# Demo content may be loaded only where this is true (dev, test).
DEMO_CONTENT_ALLOWED = False

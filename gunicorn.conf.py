"""Gunicorn's settings for the site: `gunicorn --config gunicorn.conf.py`.

Read from the environment:
    GUNICORN_BIND     address to listen on (default 127.0.0.1:8000; the Docker image 0.0.0.0:8000)
    WEB_CONCURRENCY   worker processes (default 2)
    GUNICORN_THREADS  threads per worker (default 4)
    GUNICORN_TIMEOUT  seconds before a silent worker is restarted (default 30)
    GUNICORN_MAX_REQUESTS         requests a worker serves before it is replaced (default 1000)
    GUNICORN_MAX_REQUESTS_JITTER  up to this many more, at random, so workers are not all
                                  replaced at once (default 100)
"""

import os


def whole_number(name, default):
    value = os.environ.get(name, str(default))
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of 1 or more, not {value!r}.")
    return int(value)


wsgi_app = "config.wsgi:application"  # production settings unless DJANGO_SETTINGS_MODULE says
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = whole_number("WEB_CONCURRENCY", 2)
threads = whole_number("GUNICORN_THREADS", 4)
timeout = whole_number("GUNICORN_TIMEOUT", 30)
# Workers are recycled now and then, so memory a long-lived process gathers is given back.
max_requests = whole_number("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = whole_number("GUNICORN_MAX_REQUESTS_JITTER", 100)

# One line per request on stdout, next to Django's own log (config/settings/base.py LOGGING);
# gunicorn's messages about itself on stderr.
accesslog = "-"
errorlog = "-"
# The control socket (gunicornc) would live in $HOME, shared by every gunicorn of that user.
control_socket_disable = True

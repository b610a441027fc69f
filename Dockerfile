# The site as one image: gunicorn serves it (CMD), `manage.py db_worker` runs its background
# tasks, and `manage.py backup`/`restore` have PostgreSQL's client programs. See compose.yaml.
FROM python:3.13-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    GUNICORN_BIND=0.0.0.0:8000 \
    MEDIA_ROOT=/app/media \
    PRIVATE_MEDIA_ROOT=/app/private-media \
    STATIC_ROOT=/app/staticfiles

# pg_dump, pg_restore and psql (17, as the postgres:17 service) for backup and restore.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# The runtime lock only, every package checked against its hash.
COPY requirements.lock /app/requirements.lock
RUN python -m venv /venv && pip install --require-hashes --requirement /app/requirements.lock

WORKDIR /app
COPY . /app
# Hashed, compressed static files, made once here; the values only satisfy production settings.
RUN SECRET_KEY=collectstatic-only SITE_URL=https://build.invalid \
    python manage.py collectstatic --no-input --verbosity 0

RUN useradd --system --uid 1000 --home-dir /app site \
    && mkdir -p /app/media /app/private-media /backups \
    && chown site /app/media /app/private-media /backups
USER site
VOLUME /app/media /app/private-media
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py"]

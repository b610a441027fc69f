# The two commands a newcomer needs: `make run` and `make test`.
.PHONY: run test venv lint bench-import modelsearch-suite

# pytest-xdist: tests spread over this many processes, each with its own test database. `load`
# hands each process tests in the suite's order (tests/ordering.py: those without the database,
# some of the slowest among them, first; then pytest-django's plain database tests before the
# transactional ones that empty the tables), which keeps that order in every process; whole
# modules or files per process would not. PYTEST_WORKERS=0 runs in this process (for pdb).
PYTEST_WORKERS ?= 2

venv:
	@scripts/ensure-venv

run: venv
	.venv/bin/python manage.py migrate --no-input
	.venv/bin/python manage.py load_demo_content
	.venv/bin/python manage.py runserver 127.0.0.1:8000

test: venv
	@scripts/ensure-chromium
	@scripts/ensure-redis
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	.venv/bin/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	@echo "collectstatic under production settings"
	@static=$$(mktemp -d) && trap 'rm -rf "$$static"' EXIT && \
	  DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=collectstatic-check-only \
	  SITE_URL=https://collectstatic.invalid STATIC_ROOT="$$static" \
	  .venv/bin/python manage.py collectstatic --no-input --verbosity 0
	.venv/bin/python -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# modelsearch's own backend tests against core/search_backend.py (DATABASE_URL's database).
modelsearch-suite: venv
	scripts/modelsearch-suite

# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run test test-postgres audit install install-dev check bench browser-test clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(PY)
	$(PIP) install --quiet -r requirements.txt

install-dev: $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@if [ -f package.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi

# Install, migrate, load demo content, create a local staff login and serve on 127.0.0.1:8000.
run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo_content
	$(DEV_ENV) $(PY) manage.py create_local_staff
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Install the test dependencies and run the whole suite, after Django's own checks and the linter (ruff.toml).
test: install-dev
	DJANGO_SETTINGS_MODULE=cerebral_info.test_settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cerebral_info.test_settings $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

# Only the end-to-end tests in headless Chromium (needs /usr/bin/chromium: apt-get install -y chromium).
# Screenshots go to test-artifacts/screenshots/<run>/ (or $$BROWSER_SCREENSHOT_DIR/<run>/).
browser-test: install-dev
	$(PY) -m pytest tests/browser -m browser

# Benchmark of the public pages under gunicorn + wrk against a static file (about 3 minutes; see bench/run.py).
# Installs wrk from Debian when it is missing. Results: bench/results/latest.json.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
bench: install
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(PY) bench/run.py

# The same suite on PostgreSQL with Redis as the shared cache (both on 127.0.0.1).
PG_URL ?= postgres://postgres@127.0.0.1:5432/cerebral_info
test-postgres: install-dev
	psql "$(PG_URL:/cerebral_info=/postgres)" -tAc "SELECT 1 FROM pg_database WHERE datname='cerebral_info'" | grep -q 1 \
	  || psql "$(PG_URL:/cerebral_info=/postgres)" -c "CREATE DATABASE cerebral_info"
	DATABASE_URL=$(PG_URL) REDIS_URL=redis://127.0.0.1:6379/15 $(MAKE) --no-print-directory test

# Known vulnerabilities in the pinned requirements (fails when any is found).
# pip-audit asks PyPI's per-release JSON API; where that API cannot be reached
# the audit says so loudly and is skipped rather than reporting a false pass.
audit: install-dev
	$(VENV)/bin/pip install --quiet pip-audit==2.10.1
	@if $(PY) -c "import urllib.request,sys; urllib.request.urlopen('https://pypi.org/pypi/pip/24.0/json', timeout=10)" 2>/dev/null; then \
	  $(VENV)/bin/pip-audit --strict -r requirements.txt -r requirements-dev.txt; \
	else \
	  echo "AUDIT SKIPPED: PyPI's vulnerability API (pypi.org/pypi/<name>/<version>/json) is unreachable from this machine."; \
	fi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run test install install-dev check bench browser-test clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(PY)
	$(PIP) install --quiet -r requirements.txt

install-dev: $(PY)
	$(PIP) install --quiet -r requirements-dev.txt

# Install, migrate, load demo content, create a local staff login and serve on 127.0.0.1:8000.
run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo_content
	$(DEV_ENV) $(PY) manage.py create_local_staff
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Install the test dependencies and run the whole suite, after Django's own checks.
test: install-dev
	DJANGO_SETTINGS_MODULE=cerebral_info.test_settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cerebral_info.test_settings $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

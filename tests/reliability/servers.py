"""A throwaway database and a gunicorn server with production settings, both on 127.0.0.1 only."""

import contextlib
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import quote

from django.db import connection

from .conftest import ROOT, clean_env, free_port

SECRET_KEY = "reliability-test-secret-key-not-for-production-0123456789abcdefghij"


@contextlib.contextmanager
def scratch_database(tmp_path):
    """A new, empty database of the same kind as the test run's: a SQLite file or a dedicated PostgreSQL database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return

    import psycopg

    params = connection.settings_dict
    name = f"cerebral_info_reliability_{uuid.uuid4().hex[:10]}"
    admin_dsn = {
        "host": params["HOST"] or "127.0.0.1", "port": params["PORT"] or 5432, "user": params["USER"],
        "password": params["PASSWORD"] or None, "dbname": "postgres", "autocommit": True,
    }
    with psycopg.connect(**admin_dsn) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = quote(params["USER"]) + (":" + quote(params["PASSWORD"]) if params["PASSWORD"] else "")
    try:
        yield f"postgres://{auth}@{admin_dsn['host']}:{admin_dsn['port']}/{name}"
    finally:
        with psycopg.connect(**admin_dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url, **extra):
    """Production settings (DEBUG off) as an operator would set them, behind a TLS proxy on loopback."""
    env = clean_env(
        DJANGO_SETTINGS_MODULE="tests.reliability.server_settings",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=180):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def django_eval(env, code, timeout=60):
    """Run ``code`` (which prints its answer last) in a Django process with ``env``; return that line."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@contextlib.contextmanager
def gunicorn(env, *, workers=2, log_path):
    """Start gunicorn on a free 127.0.0.1 port; yield its base URL; stop it at the end."""
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "cerebral_info.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60",
                "--graceful-timeout", "5", "--access-logfile", "-",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn exited with {process.returncode}: {log_path.read_text()[-3000:]}")
                try:
                    with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer /healthz within 30 s")
                time.sleep(0.2)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

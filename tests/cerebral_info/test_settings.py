import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "www.example.com",
}


def run_django(code, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")}
    base.update(env)
    base["DJANGO_SETTINGS_MODULE"] = "cerebral_info.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60, check=False
    )


SETUP = "import django; django.setup(); from django.conf import settings; import json; "


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(SETUP + "print(settings.DEBUG)", DJANGO_ALLOWED_HOSTS="www.example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django(SETUP + "print(settings.DEBUG)", DJANGO_SECRET_KEY=PRODUCTION_ENV["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_development_starts_without_a_secret_key_only_when_debug_is_on():
    result = run_django(SETUP + "print(settings.DEBUG)", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_settings_pass_the_deploy_check_without_warnings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="cerebral_info.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120,
        check=False,
    )


def test_a_fresh_checkout_can_check_its_code_and_migrations_without_any_configuration(tmp_path):
    result = run_manage("makemigrations", "--check", "--dry-run", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_commands_that_touch_data_refuse_to_run_without_configuration_and_say_why(tmp_path):
    result = run_manage("migrate", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_sqlite_default_uses_wal_journal_and_a_busy_timeout(tmp_path):
    code = SETUP + (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]; "
        "c.execute('PRAGMA busy_timeout'); timeout = c.fetchone()[0]; "
        "print(json.dumps([mode, timeout]))"
    )
    result = run_django(code, DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    assert result.returncode == 0, result.stderr
    mode, timeout = json.loads(result.stdout.strip().splitlines()[-1])
    assert mode == "wal"
    assert timeout >= 5000


def test_redis_url_switches_the_cache_to_redis_and_default_is_local_memory():
    code = SETUP + "print(settings.CACHES['default']['BACKEND'])"
    local = run_django(code, DJANGO_DEBUG="true")
    redis = run_django(code, DJANGO_DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/15")
    assert local.stdout.strip().endswith("LocMemCache")
    assert redis.stdout.strip().endswith("RedisCache")


def test_database_url_selects_postgresql():
    code = SETUP + "print(settings.DATABASES['default']['ENGINE'])"
    result = run_django(code, DJANGO_DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/example")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_email_is_console_in_development_and_smtp_from_the_environment_in_production():
    code = SETUP + "print(json.dumps([settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT]))"
    dev = run_django(code, DJANGO_DEBUG="true")
    prod = run_django(code, DJANGO_EMAIL_HOST="smtp.example.com", DJANGO_EMAIL_PORT="587", **PRODUCTION_ENV)
    assert json.loads(dev.stdout)[0].endswith("console.EmailBackend")
    assert json.loads(prod.stdout) == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.com", 587]


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_env_example_lists_every_documented_variable(name):
    assert f"{name}=" in (ROOT / ".env.example").read_text()


def test_env_example_lists_every_django_variable_the_settings_read():
    import re

    settings_source = (ROOT / "cerebral_info" / "settings.py").read_text()
    used = set(re.findall(r'"(DJANGO_[A-Z_]+)"', settings_source))
    listed = set(re.findall(r"^(DJANGO_[A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert used <= listed, sorted(used - listed)

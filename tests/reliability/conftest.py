"""Shared fixtures: the real Redis on 127.0.0.1, free ports, and "second app server" subprocesses."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")


def running_in_ci():
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """A missing local service skips the test on a laptop and fails it in CI."""
    if running_in_ci():
        pytest.fail(reason + " (CI=true: this test must run in CI)", pytrace=False)
    pytest.skip(reason)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra):
    """The current environment without any DJANGO_/DATABASE_URL/REDIS_URL setting, plus ``extra``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(extra)
    return env


@pytest.fixture
def shared_redis_cache():
    """Django's cache on the real Redis (a separate db number), under a key prefix unique to the test."""
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        skip_or_fail(f"Redis is not reachable at {REDIS_TEST_URL} ({exc}); start redis-server on 127.0.0.1:6379")
    prefix = f"scaleout-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 600,
        }
    }
    with override_settings(CACHES=caches):
        yield SimpleNamespace(url=REDIS_TEST_URL, prefix=prefix)
    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


@pytest.fixture
def second_app_server(shared_redis_cache):
    """Run Python in a separate process configured like another app server on the same Redis."""

    def run(code):
        env = clean_env(
            DJANGO_SETTINGS_MODULE="cerebral_info.test_settings",
            REDIS_URL=shared_redis_cache.url,
            DJANGO_CACHE_KEY_PREFIX=shared_redis_cache.prefix,
        )
        script = "import django, json; django.setup()\nfrom django.core.cache import cache\n" + code
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    return run

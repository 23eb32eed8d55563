"""200 case-review requests from 20 concurrent visitors against gunicorn (2 workers) with production settings."""

import os
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from .intake_data import THANKS_PATH, Visitor
from .servers import django_eval, gunicorn, manage, production_env, scratch_database

CLIENTS = 20
PER_CLIENT = 10
TIME_LIMIT = 90  # seconds for all requests; normally about 10-20


def shared_cache_env():
    """In the PostgreSQL run (REDIS_URL set) the server shares Redis like a real cluster would."""
    if not os.environ.get("REDIS_URL"):
        return {}
    return {"REDIS_URL": "redis://127.0.0.1:6379/14", "DJANGO_CACHE_KEY_PREFIX": f"load-{uuid.uuid4().hex[:12]}"}


@pytest.mark.slow
def test_200_submissions_from_20_concurrent_visitors_are_all_stored_exactly_once_without_a_server_error(tmp_path):
    cache_env = shared_cache_env()
    with scratch_database(tmp_path) as database_url:
        env = production_env(
            database_url,
            DJANGO_INTAKE_MIN_FILL_SECONDS="0",
            # The per-IP limit is tested on its own; here every visitor comes from 127.0.0.1.
            DJANGO_INTAKE_RATE_LIMIT="1000000",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            DJANGO_EMAIL_FILE_PATH=str(tmp_path / "mail"),
            **cache_env,
        )
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=2, log_path=tmp_path / "gunicorn.log") as base_url:

            def one_visitor(client_number):
                visitor = Visitor(base_url)
                outcomes = []
                for n in range(PER_CLIENT):
                    name = f"Load Visitor {client_number:02d}-{n:02d}"
                    status, headers, body = visitor.submit_case_review(
                        {"full_name": name, "email": f"load-{client_number}-{n}@example.com"}
                    )
                    outcomes.append((name, status, headers.get("Location", ""), body[:300]))
                return outcomes

            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
                futures = [pool.submit(one_visitor, number) for number in range(CLIENTS)]
                outcomes = [outcome for future in futures for outcome in future.result(timeout=TIME_LIMIT)]
            elapsed = time.monotonic() - started

        log = (tmp_path / "gunicorn.log").read_text()
        server_errors = re.findall(r'" 5\d\d ', log)
        assert not server_errors, log[-3000:]
        assert "Traceback" not in log, log[-3000:]
        assert len(outcomes) == CLIENTS * PER_CLIENT
        wrong = [outcome for outcome in outcomes if outcome[1] != 302 or not outcome[2].endswith(THANKS_PATH)]
        assert not wrong, wrong[:5]
        assert elapsed < TIME_LIMIT

        counts = django_eval(env, (
            "from intake.models import CaseReview, Notification\n"
            "names = list(CaseReview.objects.values_list('full_name', flat=True))\n"
            "print(len(names), len(set(names)), CaseReview.objects.filter(status='spam').count(),"
            " Notification.objects.filter(status='sent').count(), Notification.objects.count())"
        ))
        stored, distinct, spam, sent, notifications = map(int, counts.split())
        assert stored == CLIENTS * PER_CLIENT
        assert distinct == CLIENTS * PER_CLIENT
        assert spam == 0
        assert notifications == 2 * CLIENTS * PER_CLIENT  # intake team + acknowledgement for each
        assert sent == notifications

    if cache_env:
        import redis

        client = redis.Redis.from_url(cache_env["REDIS_URL"])
        for key in client.scan_iter(match=cache_env["DJANGO_CACHE_KEY_PREFIX"] + ":*", count=500):
            client.delete(key)

"""Several app servers share one Redis: page cache, sessions and the intake rate limit."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from cerebral_info import pagecache
from cerebral_info.models import ContentGeneration


def page_key(path):
    return pagecache.cache_key(RequestFactory().get(path), ContentGeneration.current())


def test_the_redis_fixture_really_uses_redis(shared_redis_cache):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert type(cache._cache).__name__ == "RedisCacheClient"


def test_a_page_cached_by_one_app_server_is_read_by_another(db, shared_redis_cache, second_app_server):
    response = Client().get(reverse("about"))
    assert response["X-Page-Cache"] == "miss"
    key = page_key(reverse("about"))
    seen = second_app_server(
        f"import hashlib\ncached = cache.get({key!r})\n"
        "print(json.dumps(None if cached is None else hashlib.sha256(cached[0]).hexdigest()))"
    )
    assert seen == hashlib.sha256(response.content).hexdigest()


def test_a_page_cached_by_another_app_server_is_served_here(db, shared_redis_cache, second_app_server):
    key = page_key(reverse("privacy"))
    second_app_server(
        "from django.http import HttpResponse\nfrom cerebral_info import pagecache\n"
        f"pagecache.store({key!r}, HttpResponse(b'<p>rendered by app server B</p>'))\n"
        "print(json.dumps(True))"
    )
    response = Client().get(reverse("privacy"))
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"<p>rendered by app server B</p>"


def test_a_staff_session_started_on_one_app_server_is_in_the_shared_cache(admin_user, shared_redis_cache, second_app_server):
    client = Client()
    client.force_login(admin_user)
    session_key = client.session.session_key
    user_id = second_app_server(
        "from django.contrib.sessions.backends.cached_db import KEY_PREFIX\n"
        f"data = cache.get(KEY_PREFIX + {session_key!r})\n"
        "print(json.dumps(data and data.get('_auth_user_id')))"
    )
    assert user_id == str(admin_user.pk)


def test_the_intake_rate_limit_is_shared_between_app_servers(db, shared_redis_cache, second_app_server, settings):
    from intake.models import CaseReview

    from .intake_data import valid_form_data

    settings.INTAKE_RATE_LIMIT = 3
    # App server B takes this visitor's three allowed submissions ...
    counts = second_app_server(
        "from intake.http import rate_limit_count\n"
        "print(json.dumps([rate_limit_count('198.51.100.7') for _ in range(3)]))"
    )
    assert counts == [1, 2, 3]
    # ... so app server A refuses the fourth (stored as spam, with the phone number shown) ...
    response = Client().post(reverse("intake:case_review"), valid_form_data(), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "tel:" in response.content.decode()
    assert CaseReview.objects.get().spam_reason == "rate_limited"
    # ... while another visitor is not affected.
    other = Client().post(reverse("intake:case_review"), valid_form_data(email="other@example.com"),
                          REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 302
    # And the other way round: A's count is what B sees.
    assert second_app_server(
        "from intake.http import rate_limit_count\nprint(json.dumps(rate_limit_count('198.51.100.8')))"
    ) == 2

"""Security headers and cookie flags on every kind of public page and on the admin."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Person, Topic


@pytest.fixture
def content(db):
    topic = Topic.objects.create(name="Diagnosis", slug="diagnosis")
    author = Person.objects.create(name="Placeholder Author", slug="placeholder-author")
    article = Article.objects.create(
        title="What is cerebral palsy?", slug="what-is-cp", summary="A short summary.",
        body="## Overview\n\nPlain words.", topic=topic, author=author,
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(days=1),
    )
    return article


def public_urls(article):
    return [
        reverse("articles:home"),
        reverse("articles:list"),
        article.get_absolute_url(),
        article.topic.get_absolute_url(),
        reverse("articles:search") + "?q=palsy",
        reverse("articles:feed"),
        reverse("sitemap"),
        reverse("robots_txt"),
        reverse("about"),
        reverse("privacy"),
        reverse("disclaimer"),
        reverse("intake:case_review"),
        reverse("intake:case_review") + f"?article={article.slug}",
        reverse("intake:thanks"),
        reverse("healthz"),
        "/no-such-page/",
    ]


def assert_security_headers(response, url, *, https=True):
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["X-Frame-Options"] == "DENY", url
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy, url
    csp = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert csp["default-src"] == "'self'", url
    assert csp["script-src"] == "'self'", url
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"], url
    assert csp["object-src"] == "'none'", url
    assert csp["frame-ancestors"] == "'none'", url
    assert csp["base-uri"] == "'self'", url
    assert csp["form-action"] == "'self'", url
    if https:
        hsts = response["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts, url


def test_every_public_page_type_carries_the_security_headers_over_https_on_a_miss_and_a_hit(content):
    client = Client()
    for url in public_urls(content):
        for attempt in ("first", "second"):
            response = client.get(url, secure=True)
            assert response.status_code in (200, 404), (url, response.status_code)
            assert_security_headers(response, f"{url} ({attempt} request)")
    assert client.get(reverse("about"), secure=True)["X-Page-Cache"] == "hit"


def test_plain_http_does_not_get_hsts_and_production_redirects_it_to_https(content):
    response = Client().get(reverse("about"))
    assert "Strict-Transport-Security" not in response
    with override_settings(SECURE_SSL_REDIRECT=True):
        redirect = Client().get(reverse("about"))
        assert redirect.status_code == 301
        assert redirect["Location"] == "https://testserver" + reverse("about")


def test_production_settings_turn_on_hsts_and_secure_cookies():
    assert not settings.DEBUG
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS and settings.SECURE_HSTS_PRELOAD
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.CSRF_COOKIE_SAMESITE == "Lax"


def assert_cookie_is_locked_down(cookie):
    assert cookie["secure"] is True, cookie.key
    assert cookie["httponly"] is True, cookie.key
    assert cookie["samesite"] == "Lax", cookie.key


def test_the_case_review_form_sets_only_secure_httponly_samesite_cookies(content):
    client = Client()
    response = client.get(reverse("intake:case_review") + "?utm_source=test", secure=True)
    assert response.status_code == 200
    assert settings.CSRF_COOKIE_NAME in response.cookies
    for cookie in response.cookies.values():
        assert_cookie_is_locked_down(cookie)


def test_the_admin_login_sets_secure_httponly_samesite_session_and_csrf_cookies(db):
    get_user_model().objects.create_user("staff", password="a-long-and-unusual-passphrase-9", is_staff=True)
    client = Client()
    page = client.get(reverse("admin:login"), secure=True)
    assert_cookie_is_locked_down(page.cookies[settings.CSRF_COOKIE_NAME])
    response = client.post(
        reverse("admin:login"), {"username": "staff", "password": "a-long-and-unusual-passphrase-9"}, secure=True
    )
    assert response.status_code == 302
    assert_cookie_is_locked_down(response.cookies[settings.SESSION_COOKIE_NAME])


def test_admin_pages_carry_the_security_headers_and_are_neither_cached_nor_indexed(admin_user):
    client = Client()
    client.force_login(admin_user)
    for url in (reverse("admin:login"), reverse("admin:index"), reverse("admin:auth_user_changelist")):
        response = client.get(url, secure=True)
        assert response.status_code in (200, 302), url
        assert_security_headers(response, url)
        assert "no-store" in response["Cache-Control"], url
        assert response["X-Robots-Tag"] == "noindex, nofollow", url

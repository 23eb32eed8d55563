"""The admin: throttled logins, validated staff passwords, a configurable path, never cached or indexed."""

import importlib

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse

PASSWORD = "a-long-and-unusual-staff-passphrase-42"


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("triage", "triage@example.com", PASSWORD, is_staff=True)


def login(client, username, password, ip):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        **({"HTTP_X_FORWARDED_FOR": client.forwarded_for} if getattr(client, "forwarded_for", None) else {}),
    )


def is_logged_in(client):
    return "_auth_user_id" in client.session


def fail_until_locked(client, username, ip):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, username, "wrong-password", ip)
        assert not is_logged_in(client)
    return response


@override_settings(AXES_ENABLED=True)
def test_admin_login_is_refused_after_the_failure_limit_even_with_the_right_password(staff_user):
    client = Client()
    assert settings.AXES_FAILURE_LIMIT <= 10
    fail_until_locked(client, "triage", "203.0.113.7")
    response = login(client, "triage", PASSWORD, "203.0.113.7")
    assert response.status_code in (403, 429)
    assert not is_logged_in(client)


@override_settings(AXES_ENABLED=True)
def test_a_lockout_is_per_user_and_ip_so_the_same_user_from_another_ip_can_log_in(staff_user):
    fail_until_locked(Client(), "triage", "203.0.113.7")
    other = Client()
    response = login(other, "triage", PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert is_logged_in(other)


@override_settings(AXES_ENABLED=True)
def test_below_the_failure_limit_the_right_password_still_works(staff_user):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "triage", "wrong-password", "203.0.113.7")
    assert login(client, "triage", PASSWORD, "203.0.113.7").status_code == 302
    assert is_logged_in(client)


@override_settings(AXES_ENABLED=True)
def test_a_forged_x_forwarded_for_header_does_not_escape_the_lockout_when_no_proxy_is_trusted(staff_user):
    assert settings.INTAKE_TRUSTED_PROXY_COUNT == 0
    client = Client()
    client.forwarded_for = "192.0.2.1"
    fail_until_locked(client, "triage", "203.0.113.7")
    client.forwarded_for = "192.0.2.99"
    response = login(client, "triage", PASSWORD, "203.0.113.7")
    assert response.status_code in (403, 429)
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    "password",
    ["short1!", "password123456", "123456789012345", "triage@example.com", "qwerty123456", "1q2w3e4r5t6y"],
)
def test_weak_staff_passwords_are_rejected_by_the_validators(staff_user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff_user)


def test_a_long_unusual_staff_password_passes_the_validators(staff_user):
    validate_password("correct horse battery staple 1987", user=staff_user)


def test_setting_a_weak_password_in_the_admin_is_refused_with_a_message(admin_client, staff_user):
    url = reverse("admin:auth_user_password_change", args=[staff_user.pk])
    response = admin_client.post(url, {"password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


@pytest.fixture
def admin_at_staff_area():
    """The root URLconf reloaded with DJANGO_ADMIN_URL=staff-area/ (and restored afterwards)."""
    import cerebral_info.urls

    with override_settings(ADMIN_URL="staff-area/"):
        importlib.reload(cerebral_info.urls)
        clear_url_caches()
        try:
            yield
        finally:
            pass
    importlib.reload(cerebral_info.urls)
    clear_url_caches()


def test_the_admin_is_served_at_the_configured_path_and_not_at_admin(admin_at_staff_area, admin_user):
    client = Client()
    client.force_login(admin_user)
    assert reverse("admin:index") == "/staff-area/"
    response = client.get("/staff-area/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/admin/").status_code == 404
    assert Client().get("/admin/login/").status_code == 404


def test_admin_url_setting_is_read_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="cerebral_info.test_settings", DJANGO_ADMIN_URL="/staff-area/")
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/staff-area/"


@pytest.mark.parametrize("as_staff", [False, True])
def test_no_admin_page_is_cached_or_indexed(admin_user, as_staff):
    client = Client()
    if as_staff:
        client.force_login(admin_user)
        urls = [
            reverse("admin:index"),
            reverse("admin:auth_user_changelist"),
            reverse("admin:auth_user_change", args=[admin_user.pk]),
            reverse("admin:auth_user_history", args=[admin_user.pk]),
            reverse("admin:password_change"),
        ]
    else:
        urls = [reverse("admin:login"), reverse("admin:index"), reverse("admin:auth_user_changelist")]
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code in (200, 302), url
            assert "X-Page-Cache" not in response, url
            cache_control = response["Cache-Control"]
            assert "no-store" in cache_control and "private" in cache_control, url
            assert "public" not in cache_control, url
            assert response["X-Robots-Tag"] == "noindex, nofollow", url


@override_settings(AXES_ENABLED=True, INTAKE_TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_the_lockout_follows_the_client_address_the_proxy_saw(staff_user):
    locked = Client()
    locked.forwarded_for = "192.0.2.50"
    fail_until_locked(locked, "triage", "10.0.0.2")  # REMOTE_ADDR is the load balancer
    locked.forwarded_for = "198.51.100.1, 192.0.2.50"  # a forged entry to the left changes nothing
    assert login(locked, "triage", PASSWORD, "10.0.0.2").status_code in (403, 429)
    assert not is_logged_in(locked)

    colleague = Client()
    colleague.forwarded_for = "192.0.2.77"  # another office, same load balancer
    assert login(colleague, "triage", PASSWORD, "10.0.0.2").status_code == 302
    assert is_logged_in(colleague)

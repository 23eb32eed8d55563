"""Oversized bodies and too many fields are refused cleanly with 400, and nothing is stored."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from intake.models import CaseReview
from tests.reliability.intake_data import valid_form_data


def test_the_upload_limits_are_set_deliberately():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("intake:case_review"))
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


@pytest.mark.parametrize("content_type", ["urlencoded", "multipart"])
@pytest.mark.parametrize("with_csrf_checks", [True, False])
def test_a_body_over_the_memory_limit_is_refused_with_400_and_nothing_is_stored(db, content_type, with_csrf_checks):
    client, token = csrf_client() if with_csrf_checks else (Client(), "")
    data = valid_form_data(description="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), csrfmiddlewaretoken=token)
    if content_type == "urlencoded":
        from urllib.parse import urlencode

        response = client.post(
            reverse("intake:case_review"), urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post(reverse("intake:case_review"), data)
    assert response.status_code == 400
    assert CaseReview.objects.count() == 0
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("with_csrf_checks", [True, False])
def test_too_many_fields_are_refused_with_400_and_nothing_is_stored(db, with_csrf_checks):
    client, token = csrf_client() if with_csrf_checks else (Client(), "")
    data = valid_form_data(csrfmiddlewaretoken=token)
    data.update({f"extra{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    response = client.post(reverse("intake:case_review"), data)
    assert response.status_code == 400
    assert CaseReview.objects.count() == 0


def test_a_normal_sized_form_with_a_token_is_still_accepted(db):
    client, token = csrf_client()
    response = client.post(reverse("intake:case_review"), valid_form_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert CaseReview.objects.count() == 1


def test_an_oversized_admin_login_is_refused_with_400(db):
    response = Client().post(reverse("admin:login"), {"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 400

"""The database briefly locked or unavailable during a submit: a friendly 503 with the phone, the input kept, no partial row."""

import sqlite3
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from cerebral_info.models import FirmDetails
from intake.models import CaseReview, Notification

from .intake_data import (
    CASE_REVIEW_PATH,
    THANKS_PATH,
    Visitor,
    form_fields,
    valid_form_data,
)
from .servers import gunicorn, manage, production_env

TYPED = {
    "full_name": "Morgan <Locked> O'Neil",
    "phone": "(312) 555-0188",
    "email": "morgan.locked@example.com",
    "facility_name": "Lakeside & Pines Hospital",
    "description": "Typed during an outage: the cord was wrapped, and \"nobody\" told us.",
}


@pytest.fixture
def firm(db):
    details = FirmDetails.load()
    details.phone, details.phone_e164 = "(844) 555-0100", "+18445550100"
    details.save()
    return details


def assert_friendly_not_saved_page(response_status, html):
    assert response_status == 503
    assert "NOT saved" in html
    assert 'href="tel:+18445550100"' in html
    shown = form_fields(html)
    for field, value in TYPED.items():
        assert shown[field].strip() == value, field
        assert escape(value) in html
    assert shown["consent"] == "on"
    assert shown["diagnosis"] == "cerebral_palsy" and shown["birth_state"] == "IL"


@pytest.mark.parametrize(
    "where",
    [
        "intake.services.CaseReview.save",  # before the row is written
        "intake.services.Notification.objects.bulk_create",  # after the row, inside the same transaction
    ],
)
def test_a_locked_database_during_submit_gives_a_503_with_the_phone_and_everything_typed_and_no_partial_row(
    firm, where
):
    with mock.patch(where, side_effect=OperationalError("database is locked")):
        response = Client().post(reverse("intake:case_review"), valid_form_data(**TYPED))
    assert_friendly_not_saved_page(response.status_code, response.content.decode())
    assert "no-store" in response["Cache-Control"]
    assert CaseReview.objects.count() == 0
    assert Notification.objects.count() == 0


def test_the_same_form_sent_again_after_the_outage_is_stored_once(firm):
    client = Client()
    with mock.patch("intake.services.CaseReview.save", side_effect=OperationalError("database is locked")):
        failed = client.post(reverse("intake:case_review"), valid_form_data(**TYPED))
    resent = form_fields(failed.content.decode())
    resent.pop("csrfmiddlewaretoken", None)
    response = client.post(reverse("intake:case_review"), resent)
    assert response.status_code == 302
    stored = CaseReview.objects.get()
    assert stored.full_name == TYPED["full_name"] and stored.description == TYPED["description"]


def test_an_unexpected_error_during_submit_shows_the_friendly_500_page_with_the_phone(firm):
    client = Client(raise_request_exception=False)
    with mock.patch("intake.views.services.case_review_submit", side_effect=RuntimeError("unexpected")):
        response = client.post(reverse("intake:case_review"), valid_form_data(**TYPED))
    assert response.status_code == 500
    assert 'href="tel:+18445550100"' in response.content.decode()
    assert CaseReview.objects.count() == 0


@pytest.mark.slow
def test_a_real_sqlite_write_lock_held_by_another_connection_gives_a_503_and_the_retry_stores_it_once(tmp_path):
    """A real lock, not a mock: another connection holds SQLite's write lock past the busy timeout."""
    database = tmp_path / "locked.sqlite3"
    env = production_env(
        f"sqlite:///{database}",
        DJANGO_SQLITE_TIMEOUT="1",
        DJANGO_INTAKE_MIN_FILL_SECONDS="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    manage(env, "migrate", "--noinput")
    with gunicorn(env, workers=1, log_path=tmp_path / "gunicorn.log") as base_url:
        visitor = Visitor(base_url)
        status, _headers, html = visitor.get(CASE_REVIEW_PATH)
        assert status == 200
        shown = form_fields(html)
        data = valid_form_data(**TYPED)
        data.update(csrfmiddlewaretoken=shown["csrfmiddlewaretoken"], started=shown["started"])

        locker = sqlite3.connect(database, isolation_level=None, timeout=0)
        locker.execute("BEGIN EXCLUSIVE")
        try:
            status, _headers, html = visitor.post(CASE_REVIEW_PATH, data)
        finally:
            locker.execute("ROLLBACK")
        assert status == 503, html[:1000]
        assert "NOT saved" in html
        assert "tel:" in html
        shown = form_fields(html)
        for field, value in TYPED.items():
            assert shown[field].strip() == value, field
        assert locker.execute("SELECT COUNT(*) FROM intake_casereview").fetchone()[0] == 0

        data["csrfmiddlewaretoken"] = shown["csrfmiddlewaretoken"]
        status, headers, html = visitor.post(CASE_REVIEW_PATH, data)
        assert status == 302 and headers["Location"].endswith(THANKS_PATH), html[:1000]
        rows = locker.execute("SELECT full_name, description FROM intake_casereview").fetchall()
        locker.close()
    assert rows == [(TYPED["full_name"], TYPED["description"])]
    log = (tmp_path / "gunicorn.log").read_text()
    assert "could not be saved" in log  # the failure is logged ...
    for value in TYPED.values():
        assert value not in log  # ... without what the person typed

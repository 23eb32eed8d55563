"""A family's details never reach the logs or error reports: not on submit, not on an email failure, not on a crash."""

import io
import logging
import smtplib
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError
from django.test import Client, override_settings
from django.urls import reverse

from intake.models import CaseReview, Notification
from tests.reliability.intake_data import valid_form_data

MARKER = "zq7marker"
MARKED = {
    "full_name": f"Name {MARKER}",
    "phone": "(312) 555-0147",  # phone numbers cannot carry a marker; checked separately below
    "email": f"{MARKER}@example.com",
    "facility_name": f"Hospital {MARKER}",
    "description": f"What happened {MARKER}",
}
PHONE_FORMS = ("555-0147", "5550147", "+13125550147")


class RecipientsRefusedBackend(BaseEmailBackend):
    """An SMTP server that refuses every recipient and quotes the addresses back, as real ones do."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({address: (550, b"mailbox unavailable") for m in messages for address in m.to})


@contextmanager
def everything_logged():
    """All log output with the root logger at DEBUG, through the handlers (and filters) configured in settings.LOGGING."""
    buffer = io.StringIO()
    names = [""] + list(logging.root.manager.loggerDict)
    loggers = [logging.getLogger(name) for name in names]
    handlers = {
        handler
        for logger in loggers
        for handler in getattr(logger, "handlers", [])
        if handler.get_name() in settings.LOGGING["handlers"]
    }
    assert handlers, "the configured handlers were not found"
    streams = {handler: handler.setStream(buffer) for handler in handlers}
    # As with DJANGO_LOG_LEVEL=DEBUG, the most an operator can turn on.
    root_level = logging.root.level
    logging.root.setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        for handler, stream in streams.items():
            handler.setStream(stream)
        logging.root.setLevel(root_level)


def assert_no_personal_data(text):
    assert MARKER not in text, text[-3000:]
    for phone in PHONE_FORMS:
        assert phone not in text, text[-3000:]


@pytest.fixture
def submit(db, django_capture_on_commit_callbacks):
    def post(client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or Client()).post(
                reverse("intake:case_review"), valid_form_data(**MARKED), HTTP_USER_AGENT=f"Agent {MARKER}"
            )

    return post


def test_a_normal_submission_logs_nothing_about_the_person(submit):
    with everything_logged() as logs:
        assert submit().status_code == 302
    assert_no_personal_data(logs.getvalue())


@override_settings(EMAIL_BACKEND="tests.security.test_logging.RecipientsRefusedBackend")
def test_a_failing_notification_is_logged_without_the_addresses_or_details(submit):
    with everything_logged() as logs:
        assert submit().status_code == 302
    assert Notification.objects.filter(status="failed").count() == 2
    assert "failed" in logs.getvalue()  # the failure itself is logged ...
    assert_no_personal_data(logs.getvalue())  # ... without whom it was for


def test_a_database_error_quoting_the_row_is_logged_without_the_row(submit):
    # PostgreSQL's own wording: its messages quote the failing row.
    error = IntegrityError(
        'null value in column "x" violates not-null constraint\n'
        f"DETAIL:  Failing row contains (1, new, Name {MARKER}, +13125550147, {MARKER}@example.com)."
    )
    with everything_logged() as logs, mock.patch("intake.services.CaseReview.save", side_effect=error):
        assert submit().status_code == 503
    assert "IntegrityError" in logs.getvalue()
    assert_no_personal_data(logs.getvalue())


def test_a_crash_after_the_request_is_stored_is_logged_without_the_request(submit):
    client = Client(raise_request_exception=False)
    error = IntegrityError(f'duplicate key value DETAIL:  Key (session_key)=(x) already exists. {MARKER}')
    with everything_logged() as logs, mock.patch(
        "django.contrib.sessions.backends.cached_db.SessionStore.save", side_effect=error
    ):
        response = submit(client)
    assert response.status_code == 500
    assert CaseReview.objects.filter(email=f"{MARKER}@example.com").count() == 1  # stored before the crash
    assert "Internal Server Error" in logs.getvalue()
    assert_no_personal_data(logs.getvalue())


def test_error_reports_never_email_request_data():
    assert settings.ADMINS == []
    assert not settings.DEBUG
    for name, handler in settings.LOGGING["handlers"].items():
        assert "AdminEmailHandler" not in handler.get("class", ""), name
        assert "redact_database_errors" in handler.get("filters", []), name
    for formatter in settings.LOGGING["formatters"].values():
        assert "request" not in formatter.get("format", "")
    for logger in [logging.getLogger()] + [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]:
        for handler in getattr(logger, "handlers", []):
            assert type(handler).__name__ != "AdminEmailHandler", logger.name

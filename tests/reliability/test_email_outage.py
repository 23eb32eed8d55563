"""An SMTP outage loses nothing: requests are stored, failures recorded, and the retry command delivers each email once."""

import re
import subprocess
import sys
import threading
from collections import Counter
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from .conftest import ROOT, free_port
from .intake_data import THANKS_PATH, Visitor
from .servers import django_eval, gunicorn, manage, production_env, scratch_database

SUBMISSIONS = 6  # every other one without an email address (no acknowledgement)


class Sink:
    """An aiosmtpd handler that keeps every message and answers slowly, so that two senders overlap."""

    def __init__(self, delay=0.15):
        self.delay = delay
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.messages.append((tuple(sorted(envelope.rcpt_tos)), str(make_header(decode_header(message["Subject"])))))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink():
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def run_retry_command(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_pending_notifications"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.slow
def test_during_an_smtp_outage_requests_are_kept_and_two_overlapping_retries_deliver_every_email_once(
    tmp_path, smtp_sink
):
    sink, sink_port = smtp_sink
    closed_port = free_port()  # nothing listens there: connection refused
    with scratch_database(tmp_path) as database_url:
        env = production_env(
            database_url,
            DJANGO_INTAKE_MIN_FILL_SECONDS="0",
            DJANGO_INTAKE_RATE_LIMIT="1000",  # every visitor here comes from 127.0.0.1
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(closed_port),
            DJANGO_EMAIL_TIMEOUT="3",
            DJANGO_INTAKE_NOTIFY_EMAILS="intake-team@example.com",
        )
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=2, log_path=tmp_path / "gunicorn.log") as base_url:
            for n in range(SUBMISSIONS):
                overrides = {"full_name": f"Outage Visitor {n}", "email": f"outage-{n}@example.com" if n % 2 == 0 else ""}
                status, headers, body = Visitor(base_url).submit_case_review(overrides)
                assert status == 302 and headers["Location"].endswith(THANKS_PATH), (status, body[:500])

        stored = django_eval(env, (
            "from intake.models import CaseReview, Notification\n"
            "print(CaseReview.objects.count(), Notification.objects.filter(status='failed').exclude(last_error='').count(),"
            " Notification.objects.count(), CaseReview.objects.with_notification_failure()"
            ".filter(has_failed_notification=True).count())"
        ))
        reviews, failed, notifications, flagged = map(int, stored.split())
        expected_emails = SUBMISSIONS + (SUBMISSIONS + 1) // 2
        assert reviews == SUBMISSIONS
        assert notifications == expected_emails
        assert failed == expected_emails
        assert flagged == SUBMISSIONS  # the admin can show each one as "notification failed"
        assert sink.messages == []

        retry_env = dict(env, DJANGO_EMAIL_PORT=str(sink_port))
        first, second = run_retry_command(retry_env), run_retry_command(retry_env)
        outputs = [process.communicate(timeout=120) for process in (first, second)]
        assert first.returncode == 0 and second.returncode == 0, outputs
        sent_by_run = [int(re.search(r"sent: (\d+)", out).group(1)) for out, _err in outputs]
        assert sum(sent_by_run) == expected_emails, outputs  # each claimed by exactly one of the two runs
        third = run_retry_command(retry_env)
        third_out, third_err = third.communicate(timeout=120)
        assert third.returncode == 0, third_err
        assert "sent: 0" in third_out

        received = Counter(sink.messages)
        assert sum(received.values()) == expected_emails, received
        assert all(count == 1 for count in received.values()), received
        references = django_eval(env, (
            "from intake.models import CaseReview\n"
            "print(' '.join(review.reference for review in CaseReview.objects.order_by('pk')))"
        )).split()
        staff = {subject for recipients, subject in received if recipients == ("intake-team@example.com",)}
        assert {ref for ref in references if any(ref in subject for subject in staff)} == set(references)
        acknowledged = sorted(recipients[0] for recipients, _subject in received if recipients[0].startswith("outage-"))
        assert acknowledged == [f"outage-{n}@example.com" for n in range(0, SUBMISSIONS, 2)]
        assert django_eval(env, (
            "from intake.models import Notification\n"
            "print(Notification.objects.exclude(status='sent').count())"
        )) == "0"

import smtplib
import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from cerebral_info.models import FirmDetails
from intake import services
from intake.models import (
    CaseReview,
    FacilityType,
    IntakeSettings,
    Notification,
    StateReviewDeadline,
    add_months,
)

pytestmark = pytest.mark.django_db


def submit(form_data=None, **overrides):
    data = {
        "full_name": "Jane Example",
        "phone": "+13125550123",
        "email": "jane@example.com",
        "preferred_contact": "phone",
        "diagnosis": "hie",
        "birth_state": "OH",
        "description": "Private words about the birth.",
        "facility_name": "Secret Hospital",
        "consent": True,
    }
    data.update(form_data or {})
    meta = services.RequestMeta(
        ip="203.0.113.5", user_agent="UA", page_url="http://testserver/case-review/", submitted_at=timezone.now()
    )
    return services.case_review_submit(form_data=data, request_meta=meta, attribution={}, **overrides)


def failing_send(*args, **kwargs):
    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_submit_saves_the_request_and_one_notification_per_recipient_kind():
    review = submit()
    kinds = set(review.notifications.values_list("kind", flat=True))
    assert kinds == {Notification.Kind.STAFF, Notification.Kind.ACKNOWLEDGEMENT}


def test_no_acknowledgement_without_an_email_address():
    review = submit({"email": ""})
    assert list(review.notifications.values_list("kind", flat=True)) == [Notification.Kind.STAFF]


def test_emails_are_sent_only_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit()
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 2


def test_staff_email_has_number_diagnosis_state_urgency_and_admin_link_but_no_description(
    django_capture_on_commit_callbacks, settings
):
    settings.INTAKE_NOTIFY_EMAILS = ["team@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        review = submit({"child_date_of_birth": date(2024, 1, 1), "facility_type": FacilityType.FEDERAL_CLINIC})
    staff = next(m for m in mail.outbox if m.to == ["team@example.com"])
    assert review.reference in staff.subject and review.reference in staff.body
    assert "HIE" in staff.body
    assert "Ohio" in staff.body
    assert "URGENT" in staff.body and "[Urgent]" in staff.subject
    assert "Days left" in staff.body
    assert f"http://testserver/admin/intake/casereview/{review.pk}/change/" in staff.body
    for private in ("Private words", "Jane", "jane@example.com", "Secret Hospital", "5550123"):
        assert private not in staff.body and private not in staff.subject


def test_staff_recipients_come_from_firm_details_before_settings(django_capture_on_commit_callbacks, settings):
    settings.INTAKE_NOTIFY_EMAILS = ["fallback@example.com"]
    firm = FirmDetails.load()
    firm.intake_notify_emails = "a@example.com\n\n b@example.com \n"
    firm.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit({"email": ""})
    assert mail.outbox[0].to == ["a@example.com", "b@example.com"]


def test_acknowledgement_says_what_happens_next_and_gives_the_phone(django_capture_on_commit_callbacks):
    firm = FirmDetails.load()
    with django_capture_on_commit_callbacks(execute=True):
        review = submit()
    ack = next(m for m in mail.outbox if m.to == ["jane@example.com"])
    assert firm.callback_promise in ack.body
    assert firm.phone in ack.body
    assert review.reference in ack.body
    assert "Private words" not in ack.body


def test_hostile_name_is_inert_in_the_plain_text_acknowledgement(django_capture_on_commit_callbacks):
    name = "<script>alert(1)</script> O'Brien & {{ firm.email }} {% now 'Y' %}"
    with django_capture_on_commit_callbacks(execute=True):
        review = submit({"full_name": name})
    assert review.full_name == name
    ack = next(m for m in mail.outbox if m.to == ["jane@example.com"])
    assert ack.content_subtype == "plain" and not getattr(ack, "alternatives", None)
    # Shown exactly as typed; template syntax in it is not evaluated.
    assert f"Dear {name}," in ack.body
    assert name not in ack.subject


def test_smtp_failure_leaves_the_request_saved_and_marked_failed(django_capture_on_commit_callbacks):
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=failing_send),
        django_capture_on_commit_callbacks(execute=True),
    ):
        review = submit()
    review.refresh_from_db()
    assert review.status == CaseReview.Status.NEW
    for notification in review.notifications.all():
        assert notification.status == Notification.Status.FAILED
        assert notification.attempts == 1
        assert "SMTPServerDisconnected" in notification.last_error
        assert notification.sent_at is None
    assert mail.outbox == []


def test_retry_command_sends_failed_notifications_later_exactly_once(django_capture_on_commit_callbacks):
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=failing_send),
        django_capture_on_commit_callbacks(execute=True),
    ):
        review = submit()
    call_command("send_pending_notifications", stdout=mock.Mock())
    assert len(mail.outbox) == 2
    call_command("send_pending_notifications", stdout=mock.Mock())
    assert len(mail.outbox) == 2
    for notification in review.notifications.all():
        assert notification.status == Notification.Status.SENT
        assert notification.attempts == 2
        assert notification.sent_at is not None


def test_retry_command_gives_up_after_the_maximum_number_of_attempts():
    review = submit()
    review.notifications.update(status=Notification.Status.FAILED, attempts=10)
    call_command("send_pending_notifications", "--max-attempts=10", stdout=mock.Mock())
    assert mail.outbox == []


def test_only_one_of_two_claims_on_the_same_notification_wins():
    notification = submit().notifications.first()
    assert services.notification_claim(notification_id=notification.pk) is True
    assert services.notification_claim(notification_id=notification.pk) is False


def test_a_notification_being_sent_is_not_taken_by_a_second_run():
    review = submit()
    for notification in review.notifications.all():
        services.notification_claim(notification_id=notification.pk)
    results = services.notifications_retry()
    assert results["sent"] == 0
    assert mail.outbox == []


def test_a_notification_stuck_in_sending_is_retried_after_the_stale_period():
    review = submit()
    review.notifications.update(
        status=Notification.Status.SENDING, claimed_at=timezone.now() - timedelta(hours=2), attempts=1
    )
    assert services.notifications_retry(stale_after=timedelta(minutes=30))["sent"] == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_retry_runs_send_each_notification_once():
    submit()  # autocommit here: the on-commit send already ran
    Notification.objects.update(status=Notification.Status.FAILED)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        barrier.wait()
        try:
            services.notifications_retry()
        except OperationalError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 2
    # SQLite's in-memory test database locks whole tables instead of waiting: there a
    # run may stop on the lock (and send nothing). Any other database must not fail.
    assert all(connection.vendor == "sqlite" and "locked" in str(error) for error in errors), errors


def test_spam_gets_no_notifications():
    review = submit(spam_reason=CaseReview.SpamReason.HONEYPOT)
    assert review.status == CaseReview.Status.SPAM
    assert not review.notifications.exists()


def test_request_with_the_same_phone_or_email_is_flagged_as_duplicate_of_the_first():
    first = submit()
    by_phone = submit({"email": "other@example.com"})
    by_email = submit({"phone": "", "email": "JANE@example.com"})
    fresh = submit({"phone": "+13125550199", "email": "new@example.com"})
    assert first.duplicate_of is None
    assert by_phone.duplicate_of == first
    assert by_email.duplicate_of == first
    assert fresh.duplicate_of is None


def test_leaving_new_records_the_first_contact_once(superuser):
    review = submit()
    assert review.first_contacted_at is None
    services.case_review_set_status(review=review, status=CaseReview.Status.CONTACTED, by=superuser)
    first = review.first_contacted_at
    assert first is not None
    services.case_review_set_status(review=review, status=CaseReview.Status.QUALIFIED, by=superuser)
    assert review.first_contacted_at == first


def test_marking_spam_is_not_a_first_contact(superuser):
    review = submit()
    services.case_review_set_status(review=review, status=CaseReview.Status.SPAM, by=superuser)
    assert review.first_contacted_at is None
    assert review.spam_reason == CaseReview.SpamReason.STAFF


def test_every_save_moves_the_version_on(superuser):
    review = submit()
    assert review.version == 1
    services.case_review_assign(review=review, to=superuser, by=superuser)
    review.refresh_from_db()
    assert review.version == 2


def test_revocation_is_recorded_with_time_and_staff_member(superuser):
    review = submit()
    services.case_review_record_revocation(review=review, by=superuser, note="Asked by phone")
    review.refresh_from_db()
    assert review.consent_revoked_at is not None
    assert review.consent_revoked_by == superuser
    assert review.consent_revocation_note == "Asked by phone"


# Urgency.

def test_review_deadline_table_starts_empty_and_the_default_applies(child_born):
    assert not StateReviewDeadline.objects.exists()
    review = submit({"child_date_of_birth": child_born(6), "birth_state": "TX"})
    default = IntakeSettings.load().default_review_by_age_months
    assert review.review_deadline == add_months(review.child_date_of_birth, default)


def test_state_row_overrides_the_default_and_flags_urgent_when_few_days_remain(child_born):
    StateReviewDeadline.objects.create(state="TX", review_by_age_months=12)
    review = CaseReview.objects.with_review_by_age().get(pk=submit({
        "child_date_of_birth": child_born(11), "birth_state": "TX"
    }).pk)
    assert 0 < review.days_left < 40
    assert review.is_urgent()
    relaxed = CaseReview.objects.get(pk=review.pk)
    relaxed.birth_state = "CA"
    assert not relaxed.is_urgent()


def test_federally_funded_clinic_is_always_urgent():
    review = submit({"facility_type": FacilityType.FEDERAL_CLINIC})
    assert review.days_left is None
    assert review.is_urgent()


def test_add_months_clamps_to_the_end_of_shorter_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 14) == date(2025, 1, 30)


# Reminders.

def test_reminder_lists_requests_still_new_after_the_delay_once(settings):
    settings.INTAKE_NOTIFY_EMAILS = ["team@example.com"]
    old = submit()
    CaseReview.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=45))
    recent = submit({"phone": "+13125550111", "email": ""})
    contacted = submit({"phone": "+13125550112", "email": ""})
    CaseReview.objects.filter(pk=contacted.pk).update(
        created_at=timezone.now() - timedelta(hours=2), status=CaseReview.Status.CONTACTED
    )
    mail.outbox.clear()
    call_command("remind_new_requests", "--minutes=30", stdout=mock.Mock())
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert old.reference in body
    assert recent.reference not in body and contacted.reference not in body
    assert "Jane" not in body
    call_command("remind_new_requests", "--minutes=30", stdout=mock.Mock())
    assert len(mail.outbox) == 1
    old.refresh_from_db()
    assert old.reminded_at is not None


def test_failed_reminder_is_tried_again_next_time():
    old = submit()
    CaseReview.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    mail.outbox.clear()
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=failing_send),
        pytest.raises(smtplib.SMTPException),
    ):
        services.new_requests_remind(older_than_minutes=30)
    old.refresh_from_db()
    assert old.reminded_at is None
    assert services.new_requests_remind(older_than_minutes=30) == 1
    assert len(mail.outbox) == 1


# Retention.

def test_anonymize_blanks_personal_data_of_old_closed_requests_and_their_history(superuser):
    old_closed = submit()
    services.case_review_set_status(review=old_closed, status=CaseReview.Status.NOT_QUALIFIED, by=superuser)
    services.case_note_add(review=old_closed, author=superuser, body="Spoke with Jane about the birth.")
    old_open = submit({"phone": "+13125550111", "email": "open@example.com"})
    recent_closed = submit({"phone": "+13125550112", "email": "recent@example.com"})
    services.case_review_set_status(review=recent_closed, status=CaseReview.Status.CLOSED, by=superuser)
    long_ago = timezone.now() - timedelta(days=400)
    CaseReview.objects.filter(pk__in=[old_closed.pk, old_open.pk]).update(created_at=long_ago)

    call_command("anonymize_old_requests", "--days=365", stdout=mock.Mock())

    old_closed.refresh_from_db()
    assert old_closed.anonymized_at is not None
    assert old_closed.full_name == "(anonymized)"
    assert old_closed.phone == old_closed.email == old_closed.description == old_closed.user_agent == ""
    assert old_closed.ip_address is None
    assert old_closed.diagnosis == "hie" and old_closed.birth_state == "OH"
    assert old_closed.status == CaseReview.Status.NOT_QUALIFIED
    assert old_closed.first_contacted_at is not None
    assert not old_closed.notes.exists()
    for row in old_closed.history.all():
        assert row.full_name == "(anonymized)" and row.email == "" and row.description == ""
    assert CaseReview.objects.get(pk=old_open.pk).full_name == "Jane Example"
    assert CaseReview.objects.get(pk=recent_closed.pk).full_name == "Jane Example"
    assert CaseReview.objects.count() == 3


def test_a_request_rescued_from_spam_gets_its_notifications(superuser, django_capture_on_commit_callbacks):
    review = submit(spam_reason=CaseReview.SpamReason.TOO_FAST)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_review_set_status(review=review, status=CaseReview.Status.NEW, by=superuser)
    assert set(review.notifications.values_list("status", flat=True)) == {Notification.Status.SENT}
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.case_review_set_status(review=review, status=CaseReview.Status.SPAM, by=superuser)
        services.case_review_set_status(review=review, status=CaseReview.Status.NEW, by=superuser)
    assert len(mail.outbox) == 2

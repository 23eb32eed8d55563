"""Writes with side effects for case-review requests.

The rule that keeps requests from being lost: a request is committed first;
emails are sent only after the commit, every attempt is recorded on a
``Notification`` row, and ``send_pending_notifications`` retries the ones
that failed.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from cerebral_info.models import FirmDetails

from .consent import current_consent
from .models import CaseNote, CaseReview, IntakeSettings, Notification

logger = logging.getLogger(__name__)

FORM_FIELDS = (
    "full_name", "phone", "email", "preferred_contact", "best_time", "relationship",
    "child_date_of_birth", "birth_state", "facility_name", "facility_type", "diagnosis",
    "resuscitation", "nicu_stay", "cooling_therapy", "seizures", "consulted_other_lawyer", "description",
)
ATTRIBUTION_FIELDS = (
    "landing_page", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
)
ERROR_LIMIT = 500


@dataclass(frozen=True)
class RequestMeta:
    ip: str | None
    user_agent: str
    page_url: str
    submitted_at: datetime


def notify_recipients() -> list[str]:
    return FirmDetails.load().notify_email_list or list(settings.INTAKE_NOTIFY_EMAILS)


def find_duplicate_of(*, phone: str, email: str, exclude_pk=None) -> CaseReview | None:
    """The earliest earlier request with the same email or phone, if any."""
    match = Q()
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email)
    if not match:
        return None
    earlier = CaseReview.objects.filter(match).exclude(pk=exclude_pk).order_by("created_at", "pk").first()
    if earlier is None:
        return None
    return earlier.duplicate_of or earlier


def case_review_submit(
    *,
    form_data: Mapping,
    request_meta: RequestMeta,
    attribution: Mapping,
    spam_reason: str = "",
) -> CaseReview:
    """Save a request from the public form, then (after the commit) send its notifications."""
    firm = FirmDetails.load()
    consent = current_consent(firm_name=firm.name)
    review = CaseReview(**{name: form_data.get(name) or "" for name in FORM_FIELDS if name != "child_date_of_birth"})
    review.child_date_of_birth = form_data.get("child_date_of_birth")
    review.created_at = request_meta.submitted_at
    review.consent_given = bool(form_data.get("consent"))
    review.consent_text = consent.text
    review.consent_version = consent.version
    review.consent_text_sha256 = consent.sha256
    review.consent_at = request_meta.submitted_at if review.consent_given else None
    review.consent_page_url = request_meta.page_url[:2000]
    review.ip_address = request_meta.ip
    review.user_agent = request_meta.user_agent[:500]
    for name in ATTRIBUTION_FIELDS:
        setattr(review, name, str(attribution.get(name) or "")[: CaseReview._meta.get_field(name).max_length])
    review.source_article = attribution.get("source_article")
    if spam_reason:
        review.status = CaseReview.Status.SPAM
        review.spam_reason = spam_reason

    with transaction.atomic():
        review.duplicate_of = find_duplicate_of(phone=review.phone, email=review.email)
        review.save()
        if not spam_reason:
            notifications_schedule(review=review)
    return review


def notifications_schedule(*, review: CaseReview) -> None:
    """Create the request's notifications (once) and send them after the current transaction commits."""
    kinds = [Notification.Kind.STAFF]
    if review.email:
        kinds.append(Notification.Kind.ACKNOWLEDGEMENT)
    existing = set(review.notifications.values_list("kind", flat=True))
    created = Notification.objects.bulk_create(
        [Notification(review=review, kind=kind) for kind in kinds if kind not in existing]
    )
    ids = [notification.pk for notification in created]
    if ids:
        transaction.on_commit(lambda: notifications_send(notification_ids=ids))


def case_review_status_changed(*, review: CaseReview, previous: str) -> None:
    """Side effects of a status change: a request rescued from spam gets its notifications."""
    if previous == CaseReview.Status.SPAM and review.status != CaseReview.Status.SPAM:
        notifications_schedule(review=review)


def case_review_set_status(*, review: CaseReview, status: str, by=None) -> CaseReview:
    previous = review.status
    with transaction.atomic():
        review.apply_status(status)
        review._history_user = by
        review.save()
        case_review_status_changed(review=review, previous=previous)
    return review


def case_review_assign(*, review: CaseReview, to, by=None) -> CaseReview:
    review.assigned_to = to
    review._history_user = by
    review.save()
    return review


def case_review_record_revocation(*, review: CaseReview, by, at: datetime | None = None, note: str = "") -> CaseReview:
    review.consent_revoked_at = at or timezone.now()
    review.consent_revoked_by = by
    if note:
        review.consent_revocation_note = note
    review._history_user = by
    review.save()
    return review


def case_note_add(*, review: CaseReview, author, body: str) -> CaseNote:
    return CaseNote.objects.create(review=review, author=author, body=body)


# Notifications.

class NoRecipients(Exception):
    pass


def _render_email(notification: Notification) -> EmailMessage:
    review = notification.review
    firm = FirmDetails.load()
    if notification.kind == Notification.Kind.STAFF:
        recipients = notify_recipients()
        triage = IntakeSettings.load()
        context = {
            "review": review,
            "firm": firm,
            "urgent": review.is_urgent(triage.urgent_within_days),
            "days_left": review.days_left,
            "admin_url": settings.SITE_URL + review.get_admin_url(),
        }
        template = "intake/email/staff_notification"
    else:
        recipients = [review.email] if review.email else []
        context = {"review": review, "firm": firm}
        template = "intake/email/acknowledgement"
    if not recipients:
        raise NoRecipients("No recipient addresses are configured.")
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=recipients)


def notification_claim(*, notification_id: int, stale_after: timedelta | None = None) -> bool:
    """Atomically take a pending or failed notification for sending.

    A conditional UPDATE: of two runs racing for the same row, exactly one
    changes it. A row stuck in "sending" (a run that died) can be reclaimed
    after ``stale_after``.
    """
    now = timezone.now()
    claimable = Q(status__in=[Notification.Status.PENDING, Notification.Status.FAILED])
    if stale_after is not None:
        claimable |= Q(status=Notification.Status.SENDING, claimed_at__lt=now - stale_after)
    return bool(
        Notification.objects.filter(claimable, pk=notification_id).update(
            status=Notification.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
    )


def notification_deliver(*, notification_id: int, stale_after: timedelta | None = None) -> bool | None:
    """Send one notification if it can be claimed. True: sent, False: failed, None: not ours."""
    if not notification_claim(notification_id=notification_id, stale_after=stale_after):
        return None
    notification = Notification.objects.select_related("review").get(pk=notification_id)
    try:
        _render_email(notification).send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport or rendering failure: record it, never lose the request
        error = f"{type(exc).__name__}: {exc}"[:ERROR_LIMIT]
        Notification.objects.filter(pk=notification_id).update(status=Notification.Status.FAILED, last_error=error)
        logger.warning("Notification %s for request %s failed: %s", notification_id, notification.review_id,
                       type(exc).__name__)
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def notifications_send(*, notification_ids) -> dict:
    """Try to send each notification now; failures are recorded, never raised."""
    results = {"sent": 0, "failed": 0, "skipped": 0}
    for notification_id in notification_ids:
        try:
            outcome = notification_deliver(notification_id=notification_id)
        except Exception:  # e.g. the database is unavailable; the retry command picks it up
            logger.exception("Could not send notification %s", notification_id)
            outcome = False
        results["sent" if outcome else "failed" if outcome is False else "skipped"] += 1
    return results


def notifications_retry(*, max_attempts: int = 10, stale_after: timedelta = timedelta(minutes=30)) -> dict:
    """Send every pending or failed notification (the cron command)."""
    due = Notification.objects.filter(
        Q(status__in=[Notification.Status.PENDING, Notification.Status.FAILED])
        | Q(status=Notification.Status.SENDING, claimed_at__lt=timezone.now() - stale_after),
        attempts__lt=max_attempts,
    ).values_list("pk", flat=True)
    results = {"sent": 0, "failed": 0, "skipped": 0}
    for notification_id in list(due):
        outcome = notification_deliver(notification_id=notification_id, stale_after=stale_after)
        results["sent" if outcome else "failed" if outcome is False else "skipped"] += 1
    return results


def new_requests_remind(*, older_than_minutes: int) -> int:
    """Email the intake team once about requests still "new" after the given time. Returns how many."""
    now = timezone.now()
    candidates = CaseReview.objects.filter(
        status=CaseReview.Status.NEW,
        reminded_at__isnull=True,
        created_at__lte=now - timedelta(minutes=older_than_minutes),
    ).values_list("pk", flat=True)
    claimed = [
        pk for pk in list(candidates)
        if CaseReview.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now)
    ]
    if not claimed:
        return 0
    reviews = list(CaseReview.objects.filter(pk__in=claimed).order_by("created_at"))
    context = {
        "reviews": [(review, settings.SITE_URL + review.get_admin_url()) for review in reviews],
        "minutes": older_than_minutes,
        "now": now,
    }
    try:
        EmailMessage(
            subject=" ".join(render_to_string("intake/email/reminder_subject.txt", context).split()),
            body=render_to_string("intake/email/reminder.txt", context),
            to=notify_recipients(),
        ).send(fail_silently=False)
    except Exception:
        # Release the claim so that the next run tries again.
        CaseReview.objects.filter(pk__in=claimed, reminded_at=now).update(reminded_at=None)
        raise
    return len(claimed)


ANONYMIZED_NAME = "(anonymized)"
PERSONAL_FIELDS_BLANK = {
    "full_name": ANONYMIZED_NAME,
    "phone": "",
    "email": "",
    "description": "",
    "facility_name": "",
    "user_agent": "",
    "consent_revocation_note": "",
}
PERSONAL_FIELDS_NULL = ("ip_address", "child_date_of_birth")


def case_reviews_anonymize(*, older_than_days: int) -> int:
    """Blank the personal data of finished requests older than the retention period.

    Status, diagnosis, state, dates and attribution stay, so reports keep
    their counts. Notes are deleted and the history rows are blanked too.
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    ids = list(
        CaseReview.objects.filter(
            status__in=CaseReview.CLOSED_STATUSES, created_at__lt=cutoff, anonymized_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not ids:
        return 0
    blank = {**PERSONAL_FIELDS_BLANK, **{name: None for name in PERSONAL_FIELDS_NULL}}
    with transaction.atomic():
        CaseReview.objects.filter(pk__in=ids).update(**blank, anonymized_at=timezone.now())
        CaseReview.history.filter(id__in=ids).update(**blank)
        CaseNote.objects.filter(review_id__in=ids).delete()
        Notification.objects.filter(review_id__in=ids).update(last_error="")
    return len(ids)

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .states import US_STATE_CHOICES

TRIAGE_DISCLAIMER = _(
    "This is the firm's own triage setting for deciding which requests to review first. "
    "It is not legal advice and not a statement of any limitation period."
)


class Diagnosis(models.TextChoices):
    CEREBRAL_PALSY = "cerebral_palsy", _("Cerebral palsy")
    HIE = "hie", _("HIE (hypoxic-ischemic encephalopathy)")
    ERBS_PALSY = "erbs_palsy", _("Erb's palsy or brachial plexus injury")
    OTHER = "other", _("Other")
    NOT_SURE = "not_sure", _("Not sure")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class BestTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class Relationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    GUARDIAN = "guardian", _("Legal guardian")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    SELF = "self", _("I am the person who was injured")
    OTHER = "other", _("Other")


class FacilityType(models.TextChoices):
    PRIVATE = "private", _("Private hospital")
    PUBLIC = "public", _("Public hospital")
    FEDERAL_CLINIC = "federal_clinic", _("Federally funded clinic or health center")
    HOME_BIRTH_CENTER = "home_birth_center", _("Home birth or birth center")
    NOT_SURE = "not_sure", _("Not sure")


class YesNoUnsure(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class IntakeSettings(models.Model):
    """Triage settings edited by staff (one row)."""

    default_review_by_age_months = models.PositiveSmallIntegerField(
        _("default review-by age (months)"),
        default=24,
        help_text=_("For states without their own row in the review-deadline table. ") + TRIAGE_DISCLAIMER,
    )
    urgent_within_days = models.PositiveSmallIntegerField(
        _("urgent when fewer days left than"),
        default=90,
        help_text=_("A request is flagged urgent when its review deadline is this close (or past)."),
    )

    class Meta:
        verbose_name = _("intake triage settings")
        verbose_name_plural = _("intake triage settings")

    def __str__(self):
        return str(_("Intake triage settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]


class StateReviewDeadline(models.Model):
    """The child's age by which the firm wants a request from a state reviewed."""

    state = models.CharField(_("state"), max_length=2, choices=US_STATE_CHOICES, unique=True)
    review_by_age_months = models.PositiveSmallIntegerField(
        _("review by age (months)"), help_text=TRIAGE_DISCLAIMER
    )
    note = models.CharField(_("internal note"), max_length=300, blank=True)

    class Meta:
        ordering = ["state"]
        verbose_name = _("state review deadline")
        verbose_name_plural = _("state review deadlines (firm triage setting)")

    def __str__(self):
        return f"{self.get_state_display()}: {self.review_by_age_months} months"


class CaseReviewQuerySet(models.QuerySet):
    def not_spam(self):
        return self.exclude(status=CaseReview.Status.SPAM)

    def with_review_by_age(self):
        """Annotate the review-by age (state row, else the default) and the urgency threshold."""
        triage = IntakeSettings.load()
        state_months = StateReviewDeadline.objects.filter(state=models.OuterRef("birth_state")).values(
            "review_by_age_months"
        )[:1]
        return self.annotate(
            review_by_age_months=Coalesce(
                models.Subquery(state_months),
                models.Value(triage.default_review_by_age_months),
                output_field=models.IntegerField(),
            ),
            urgent_within_days=models.Value(triage.urgent_within_days, output_field=models.IntegerField()),
        )

    def with_notification_failure(self):
        failed = Notification.objects.filter(review=models.OuterRef("pk"), status=Notification.Status.FAILED)
        return self.annotate(has_failed_notification=models.Exists(failed))


class CaseReview(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        QUALIFIED = "qualified", _("Qualified")
        NOT_QUALIFIED = "not_qualified", _("Not qualified")
        REFERRED_OUT = "referred_out", _("Referred out")
        SIGNED = "signed", _("Signed")
        SPAM = "spam", _("Spam")
        CLOSED = "closed", _("Closed")

    class SpamReason(models.TextChoices):
        HONEYPOT = "honeypot", _("Hidden field filled in")
        TOO_FAST = "too_fast", _("Submitted too fast")
        BAD_TIMESTAMP = "bad_timestamp", _("Missing or altered form timestamp")
        RATE_LIMITED = "rate_limited", _("Too many requests from one address")
        STAFF = "staff", _("Marked by staff")

    # Statuses after which a request is finished (the retention command anonymizes them).
    CLOSED_STATUSES = (Status.NOT_QUALIFIED, Status.REFERRED_OUT, Status.SPAM, Status.CLOSED)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    spam_reason = models.CharField(_("spam reason"), max_length=20, choices=SpamReason.choices, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Contact.
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("email"), max_length=254, blank=True, db_index=True)
    preferred_contact = models.CharField(
        _("preferred contact method"), max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    best_time = models.CharField(_("best time to reach"), max_length=10, choices=BestTime.choices, blank=True)
    relationship = models.CharField(
        _("relationship to the child"), max_length=20, choices=Relationship.choices, blank=True
    )

    # The child and the birth.
    child_date_of_birth = models.DateField(_("child's date of birth"), null=True, blank=True)
    birth_state = models.CharField(_("state of birth"), max_length=2, choices=US_STATE_CHOICES, blank=True)
    facility_name = models.CharField(_("hospital or birth facility"), max_length=200, blank=True)
    facility_type = models.CharField(_("kind of facility"), max_length=20, choices=FacilityType.choices, blank=True)
    diagnosis = models.CharField(_("diagnosis"), max_length=20, choices=Diagnosis.choices, blank=True)
    resuscitation = models.CharField(_("resuscitation at birth"), max_length=10, choices=YesNoUnsure.choices, blank=True)
    nicu_stay = models.CharField(_("NICU stay"), max_length=10, choices=YesNoUnsure.choices, blank=True)
    cooling_therapy = models.CharField(_("cooling therapy"), max_length=10, choices=YesNoUnsure.choices, blank=True)
    seizures = models.CharField(_("seizures"), max_length=10, choices=YesNoUnsure.choices, blank=True)
    consulted_other_lawyer = models.CharField(
        _("already consulted another lawyer"), max_length=10, choices=YesNoUnsure.choices, blank=True
    )
    description = models.TextField(_("what happened (their words)"), blank=True)

    # Consent evidence (read-only in the admin).
    consent_given = models.BooleanField(_("consent box ticked"), default=False)
    consent_text = models.TextField(_("consent wording shown"), blank=True)
    consent_version = models.CharField(_("consent wording version"), max_length=20, blank=True)
    consent_text_sha256 = models.CharField(_("SHA-256 of the consent wording"), max_length=64, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_page_url = models.CharField(_("form page URL"), max_length=2000, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    consent_revoked_at = models.DateTimeField(
        _("consent revoked at"), null=True, blank=True, help_text=_("When the person asked us to stop contacting them.")
    )
    consent_revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("revocation recorded by"),
    )
    consent_revocation_note = models.TextField(_("revocation note"), blank=True)

    # Attribution (read-only in the admin).
    source_article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="case_reviews",
        verbose_name=_("source article"),
    )
    landing_page = models.CharField(_("first landing page"), max_length=2000, blank=True)
    referrer = models.CharField(_("external referrer"), max_length=2000, blank=True)
    utm_source = models.CharField("utm_source", max_length=200, blank=True)
    utm_medium = models.CharField("utm_medium", max_length=200, blank=True)
    utm_campaign = models.CharField("utm_campaign", max_length=200, blank=True)
    utm_term = models.CharField("utm_term", max_length=200, blank=True)
    utm_content = models.CharField("utm_content", max_length=200, blank=True)

    # Triage.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="assigned_case_reviews", verbose_name=_("assigned to"),
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    first_contacted_at = models.DateTimeField(_("first contacted"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates",
        verbose_name=_("possible duplicate of"),
    )
    reminded_at = models.DateTimeField(_("team reminded"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymized"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = CaseReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case-review request")
        verbose_name_plural = _("case-review requests")
        permissions = [("export_casereview", "Can export case-review requests to CSV")]

    def __str__(self):
        return f"{self.reference} {self.full_name}".strip()

    def save(self, *args, **kwargs):
        # Optimistic locking: every save of an existing row moves the version on,
        # so a form still holding the old number can be refused.
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("admin:intake_casereview_change", args=[self.pk])

    @property
    def reference(self):
        return f"CR-{self.pk:06d}" if self.pk else "CR-(unsaved)"

    def apply_status(self, status, *, now=None):
        """Change the status; leaving "new" for the first time records the first contact."""
        if status != self.Status.NEW and status != self.Status.SPAM and self.first_contacted_at is None:
            self.first_contacted_at = now or timezone.now()
        if status == self.Status.SPAM and not self.spam_reason:
            self.spam_reason = self.SpamReason.STAFF
        self.status = status

    def child_age_months(self, today=None):
        if not self.child_date_of_birth:
            return None
        today = today or timezone.localdate()
        months = (today.year - self.child_date_of_birth.year) * 12 + today.month - self.child_date_of_birth.month
        if today.day < self.child_date_of_birth.day:
            months -= 1
        return max(months, 0)

    def _review_by_age(self):
        months = getattr(self, "review_by_age_months", None)
        if months is None and self.birth_state:
            row = StateReviewDeadline.objects.filter(state=self.birth_state).first()
            months = row.review_by_age_months if row else None
        if months is None:
            months = IntakeSettings.load().default_review_by_age_months
        return months

    @property
    def review_deadline(self):
        if not self.child_date_of_birth:
            return None
        return add_months(self.child_date_of_birth, self._review_by_age())

    @property
    def days_left(self):
        deadline = self.review_deadline
        return None if deadline is None else (deadline - timezone.localdate()).days

    def is_urgent(self, urgent_within_days=None):
        if self.facility_type == FacilityType.FEDERAL_CLINIC:
            return True
        days = self.days_left
        if days is None:
            return False
        if urgent_within_days is None:
            urgent_within_days = getattr(self, "urgent_within_days", None)
        if urgent_within_days is None:
            urgent_within_days = IntakeSettings.load().urgent_within_days
        return days < urgent_within_days

    @property
    def is_anonymized(self):
        return self.anonymized_at is not None


class CaseNote(models.Model):
    """An internal note on a request; notes are only ever added, never edited."""

    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"Note by {self.author or 'unknown'} on {self.created_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """One email about a request, sent after the request is committed and retried until sent."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Intake team notification")
        ACKNOWLEDGEMENT = "ack", _("Acknowledgement to the person")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    claimed_at = models.DateTimeField(_("last attempt started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["review", "kind"]
        constraints = [models.UniqueConstraint(fields=["review", "kind"], name="one_notification_per_kind")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.get_kind_display()} for {self.review.reference}: {self.get_status_display()}"

import csv
import re
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import PhoneFieldMixin, format_phone, normalize_phone
from .models import (
    TRIAGE_DISCLAIMER,
    CaseNote,
    CaseReview,
    IntakeSettings,
    Notification,
    StateReviewDeadline,
)
from .selectors import case_review_report, format_duration

STALE_MESSAGE = (
    "Someone else saved this request while you were editing it, so nothing was saved. "
    "Copy anything you typed, reload the page to see their changes, then make your change again."
)
REFERENCE_PATTERN = re.compile(r"^CR-?0*(\d{1,12})$", re.IGNORECASE)


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("unanswered", "Unanswered, oldest first"), ("follow_up", "Follow-up due")]

    def queryset(self, request, queryset):
        if self.value() == "unanswered":
            return queryset.filter(status=CaseReview.Status.NEW)
        if self.value() == "follow_up":
            return queryset.filter(follow_up_on__lte=timezone.localdate())
        return queryset


class NotificationFailedFilter(admin.SimpleListFilter):
    title = "email notifications"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("failed", "A notification failed")]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(notifications__status=Notification.Status.FAILED).distinct()
        return queryset


class CaseReviewAdminForm(PhoneFieldMixin, forms.ModelForm):
    phone = forms.CharField(label="Phone", required=False, max_length=40)

    class Meta:
        model = CaseReview
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields
        widgets = {"version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin saves inside a transaction; locking the row here makes
            # the check and the save below one step.
            rows = CaseReview.objects.filter(pk=self.instance.pk)
            if not transaction.get_autocommit():
                rows = rows.select_for_update()
            current = (
                rows
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("version") != current:
                raise forms.ValidationError(STALE_MESSAGE, code="stale")
        return cleaned


class CaseNoteInline(admin.TabularInline):
    """Notes are append-only: existing notes are shown, never edited or deleted."""

    model = CaseNote
    extra = 1
    fields = ("body", "author", "created_at")
    readonly_fields = ("author", "created_at")
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0
    fields = ("kind", "status", "attempts", "last_error", "claimed_at", "sent_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def csv_safe(value):
    """Neutralise spreadsheet formulas in exported text (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"\+\d+", text):
        return "'" + text
    return text


class Echo:
    def write(self, value):
        return value


EXPORT_COLUMNS = (
    ("Request", lambda r: r.reference),
    ("Received", lambda r: timezone.localtime(r.created_at).isoformat(timespec="minutes")),
    ("Status", lambda r: r.get_status_display()),
    ("Assigned to", lambda r: r.assigned_to or ""),
    ("Name", lambda r: r.full_name),
    ("Phone", lambda r: r.phone),
    ("Email", lambda r: r.email),
    ("Preferred contact", lambda r: r.get_preferred_contact_display()),
    ("Best time", lambda r: r.get_best_time_display()),
    ("State", lambda r: r.birth_state),
    ("Diagnosis", lambda r: r.get_diagnosis_display()),
    ("Child's date of birth", lambda r: r.child_date_of_birth or ""),
    ("Facility type", lambda r: r.get_facility_type_display()),
    ("Source article", lambda r: r.source_article or ""),
    ("Landing page", lambda r: r.landing_page),
    ("utm_source", lambda r: r.utm_source),
    ("utm_medium", lambda r: r.utm_medium),
    ("utm_campaign", lambda r: r.utm_campaign),
    ("First contacted", lambda r: timezone.localtime(r.first_contacted_at).isoformat(timespec="minutes")
     if r.first_contacted_at else ""),
    ("Follow up on", lambda r: r.follow_up_on or ""),
    ("Duplicate of", lambda r: f"CR-{r.duplicate_of_id:06d}" if r.duplicate_of_id else ""),
    ("Consent revoked", lambda r: r.consent_revoked_at or ""),
)


def make_status_action(status):
    def action(modeladmin, request, queryset):
        reviews = list(queryset)
        for review in reviews:
            services.case_review_set_status(review=review, status=status, by=request.user)
        modeladmin.message_user(request, f"{len(reviews)} request(s) set to {status.label}.", messages.SUCCESS)

    action.__name__ = f"set_status_{status.value}"
    action.allowed_permissions = ("change",)
    label = "Mark as spam" if status == CaseReview.Status.SPAM else f"Set status: {status.label}"
    action.short_description = label
    return action


@admin.register(CaseReview)
class CaseReviewAdmin(SimpleHistoryAdmin):
    form = CaseReviewAdminForm
    list_display = (
        "reference", "status", "assigned_to", "full_name", "phone_display", "birth_state", "diagnosis",
        "child_age", "source_article", "waited", "urgency", "flags",
    )
    list_display_links = ("reference", "full_name")
    list_filter = (
        QueueFilter, "status", ("assigned_to", admin.RelatedOnlyFieldListFilter), "diagnosis", "birth_state",
        ("source_article", admin.RelatedOnlyFieldListFilter), "created_at", NotificationFailedFilter,
    )
    list_select_related = ("assigned_to", "source_article")
    search_fields = ("full_name", "email", "phone")
    search_help_text = "Search by name, email or phone (any format), or a request number such as CR-000123."
    date_hierarchy = "created_at"
    list_per_page = 50
    list_max_show_all = 500
    actions = ("assign_to_me", "record_revocation", "export_selected_csv")
    inlines = (CaseNoteInline, NotificationInline)
    raw_id_fields = ("duplicate_of",)
    readonly_fields = (
        "reference", "created_at", "updated_at", "first_contacted_at", "reminded_at", "anonymized_at",
        "spam_reason", "urgency_summary", "duplicate_link",
        "consent_given", "consent_text", "consent_version", "consent_text_sha256", "consent_at",
        "consent_page_url", "ip_address", "user_agent", "consent_revoked_by",
        "source_article", "landing_page", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_term",
        "utm_content",
    )
    fieldsets = (
        ("Triage", {"fields": (
            "reference", "status", "spam_reason", "assigned_to", "follow_up_on", "urgency_summary",
            "duplicate_link", "duplicate_of", "version",
        )}),
        ("Contact", {"fields": ("full_name", "phone", "email", "preferred_contact", "best_time", "relationship")}),
        ("The child and the birth", {"fields": (
            "child_date_of_birth", "birth_state", "facility_name", "facility_type", "diagnosis",
            "resuscitation", "nicu_stay", "cooling_therapy", "seizures", "consulted_other_lawyer", "description",
        )}),
        ("Consent to be contacted (evidence, read-only)", {"fields": (
            "consent_given", "consent_text", "consent_version", "consent_text_sha256", "consent_at",
            "consent_page_url", "ip_address", "user_agent",
        )}),
        ("Stop contacting (revocation)", {
            "fields": ("consent_revoked_at", "consent_revoked_by", "consent_revocation_note"),
            "description": "Record when the person asked us to stop contacting them.",
        }),
        ("Attribution (read-only)", {"fields": (
            "source_article", "landing_page", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content",
        )}),
        ("Record", {"fields": ("created_at", "updated_at", "first_contacted_at", "reminded_at", "anonymized_at")}),
    )

    # Queryset and permissions.

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_by_age().with_notification_failure()

    def get_ordering(self, request):
        if request.GET.get("queue") == "unanswered" and "o" not in request.GET:
            return ("created_at", "pk")
        return super().get_ordering(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        # History is for reading: a revert would bypass the version check and the read-only evidence.
        return True

    def has_export_permission(self, request):
        return request.user.has_perm("intake.export_casereview")

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        extra = Q()
        digits = re.sub(r"\D", "", term)
        phone = normalize_phone(term, strict=False) if digits else None
        if phone:
            extra |= Q(phone=phone)
        if len(digits) >= 4 and not REFERENCE_PATTERN.match(term):
            # Part of a number, in any punctuation: "555-0100" finds +13125550100.
            extra |= Q(phone__contains=digits)
        reference = REFERENCE_PATTERN.match(term)
        if reference:
            extra |= Q(pk=int(reference.group(1)))
        if extra:
            results |= queryset.filter(extra)
        return results, may_have_duplicates

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        status_changed = change and "status" in form.changed_data
        if status_changed:
            obj.apply_status(obj.status)
        if "consent_revoked_at" in form.changed_data:
            obj.consent_revoked_by = request.user if obj.consent_revoked_at else None
        super().save_model(request, obj, form, change)
        if status_changed:
            services.case_review_status_changed(review=obj, previous=form.initial.get("status"))

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, CaseNote) and instance.pk is None:
                instance.author = request.user
            instance.save()
        formset.save_m2m()

    # List columns.

    @admin.display(description="Request", ordering="pk")
    def reference(self, obj):
        return obj.reference

    @admin.display(description="Phone", ordering="phone")
    def phone_display(self, obj):
        return format_phone(obj.phone)

    @admin.display(description="Child's age", ordering="-child_date_of_birth")
    def child_age(self, obj):
        months = obj.child_age_months()
        if months is None:
            return "–"
        years, months = divmod(months, 12)
        return f"{years} y {months} m" if years else f"{months} m"

    @admin.display(description="Waited", ordering="created_at")
    def waited(self, obj):
        if obj.first_contacted_at:
            return f"answered after {timesince(obj.created_at, obj.first_contacted_at)}"
        return timesince(obj.created_at)

    @admin.display(description="Urgency")
    def urgency(self, obj):
        days = obj.days_left
        urgent = obj.is_urgent()
        text = "–" if days is None else f"{days} days left"
        if urgent:
            return format_html('<strong class="intake-urgent">URGENT</strong> {}', text)
        return text

    @admin.display(description="Flags")
    def flags(self, obj):
        flags = []
        if getattr(obj, "has_failed_notification", False):
            flags.append("Email failed")
        if obj.duplicate_of_id:
            flags.append("Possible duplicate")
        if obj.consent_revoked_at:
            flags.append("Stop contacting")
        return ", ".join(flags) or "–"

    # Detail helpers.

    @admin.display(description="Urgency")
    def urgency_summary(self, obj):
        if not obj.pk:
            return "–"
        deadline = obj.review_deadline
        parts = []
        if obj.is_urgent():
            parts.append("URGENT.")
        if obj.facility_type == "federal_clinic":
            parts.append("Federally funded clinic.")
        if deadline:
            parts.append(f"Review deadline {deadline:%Y-%m-%d} ({obj.days_left} days left).")
        else:
            parts.append("No date of birth, so no review deadline.")
        return format_html("{} <br><span class=\"help\">{}</span>", " ".join(parts), TRIAGE_DISCLAIMER)

    @admin.display(description="Possible duplicate of")
    def duplicate_link(self, obj):
        if not obj.duplicate_of_id:
            return "–"
        url = reverse("admin:intake_casereview_change", args=[obj.duplicate_of_id])
        return format_html('<a href="{}">Earlier request CR-{}</a>', url, f"{obj.duplicate_of_id:06d}")

    # Actions.

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for status in CaseReview.Status:
                action = make_status_action(status)
                actions[action.__name__] = (action, action.__name__, action.short_description)
        return actions

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        reviews = list(queryset)
        for review in reviews:
            services.case_review_assign(review=review, to=request.user, by=request.user)
        self.message_user(request, f"{len(reviews)} request(s) assigned to you.", messages.SUCCESS)

    @admin.action(description="Record “stop contacting me” (now)", permissions=["change"])
    def record_revocation(self, request, queryset):
        count = 0
        for review in queryset.filter(consent_revoked_at__isnull=True):
            services.case_review_record_revocation(review=review, by=request.user)
            count += 1
        self.message_user(request, f"Revocation recorded on {count} request(s).", messages.SUCCESS)

    @admin.action(description="Export selected to CSV", permissions=["export"])
    def export_selected_csv(self, request, queryset):
        return self._csv_response(queryset.select_related("assigned_to", "source_article"))

    # Extra views: export of the filtered list, and the report.

    def get_urls(self):
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name="intake_casereview_export"),
            path("report/", self.admin_site.admin_view(self.report_view), name="intake_casereview_report"),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context=extra_context)

    def export_view(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return self._csv_response(changelist.get_queryset(request))

    def _csv_response(self, queryset):
        writer = csv.writer(Echo())

        def rows():
            yield writer.writerow([title for title, _getter in EXPORT_COLUMNS])
            for review in queryset.iterator(chunk_size=500):
                yield writer.writerow([csv_safe(getter(review)) for _title, getter in EXPORT_COLUMNS])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="case-reviews-{stamp}.csv"'
        return response

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportRangeForm(request.GET or None)
        today = timezone.localdate()
        start, end = today - timedelta(weeks=12), today
        if form.is_bound and form.is_valid():
            start = form.cleaned_data["start"] or start
            end = form.cleaned_data["end"] or end
        elif not form.is_bound:
            form = ReportRangeForm(initial={"start": start, "end": end})
        report = case_review_report(start=start, end=end)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Case-review report",
            "form": form,
            "report": report,
            "median_text": format_duration(report.median_first_contact),
        }
        return TemplateResponse(request, "admin/intake/casereview/report.html", context)


class ReportRangeForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start date must be before the end date.")
        if start and end and (end - start).days > 3 * 366:
            raise forms.ValidationError("Choose a range of at most three years.")
        return cleaned


@admin.register(StateReviewDeadline)
class StateReviewDeadlineAdmin(admin.ModelAdmin):
    list_display = ("state", "review_by_age_months", "note")
    search_fields = ("state", "note")


@admin.register(IntakeSettings)
class IntakeSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "default_review_by_age_months", "urgent_within_days")

    def has_add_permission(self, request):
        return not IntakeSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

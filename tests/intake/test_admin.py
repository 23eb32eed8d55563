import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake import services
from intake.models import CaseNote, CaseReview, Notification, StateReviewDeadline

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:intake_casereview_changelist")
EXPORT = reverse("admin:intake_casereview_export")
REPORT = reverse("admin:intake_casereview_report")


def change_url(review):
    return reverse("admin:intake_casereview_change", args=[review.pk])


def change_form_data(client, review):
    """The change form's current values, as a browser would post them back."""
    form = client.get(change_url(review)).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        data[name] = value
    data.update({
        "notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000", "notes-0-body": "",
        "notifications-TOTAL_FORMS": "0", "notifications-INITIAL_FORMS": "0",
        "notifications-MIN_NUM_FORMS": "0", "notifications-MAX_NUM_FORMS": "1000",
    })
    return data


# Roles.

def test_groups_are_created_by_the_migration_with_the_intended_permissions():
    intake = set(Group.objects.get(name="Intake staff").permissions.values_list("codename", flat=True))
    assert {"view_casereview", "change_casereview", "add_casenote", "view_casenote"} <= intake
    assert "delete_casereview" not in intake
    assert "export_casereview" not in intake
    assert not any(code.endswith(("_article", "_topic", "_person", "_reference")) for code in intake)
    editors = Group.objects.get(name="Editors").permissions.all()
    assert {p.content_type.app_label for p in editors} == {"articles", "cerebral_info"}
    assert "add_article" in {p.codename for p in editors}


def test_intake_staff_can_open_the_list_and_a_request(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(review)).status_code == 200


def test_intake_staff_can_change_status_and_add_a_note_with_author(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    data = change_form_data(client, review)
    data.update({"status": "contacted", "notes-0-body": "Called, left a voicemail."})
    response = client.post(change_url(review), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    review.refresh_from_db()
    assert review.status == "contacted"
    assert review.first_contacted_at is not None
    note = CaseNote.objects.get(review=review)
    assert note.author == intake_user and note.body == "Called, left a voicemail."


def test_existing_notes_cannot_be_edited_or_deleted(client, intake_user, make_review):
    review = make_review()
    note = services.case_note_add(review=review, author=intake_user, body="First note")
    client.force_login(intake_user)
    data = change_form_data(client, review)
    data.update({
        "notes-TOTAL_FORMS": "2", "notes-INITIAL_FORMS": "1", "notes-0-id": note.pk, "notes-0-review": review.pk,
        "notes-0-body": "Overwritten", "notes-0-DELETE": "on", "notes-1-body": "",
    })
    client.post(change_url(review), data)
    note.refresh_from_db()
    assert note.body == "First note"


def test_intake_staff_cannot_delete_requests(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    assert client.get(reverse("admin:intake_casereview_delete", args=[review.pk])).status_code == 403
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in actions]
    assert CaseReview.objects.filter(pk=review.pk).exists()


def test_only_superusers_can_delete_requests(client, superuser, make_review):
    review = make_review()
    client.force_login(superuser)
    response = client.post(reverse("admin:intake_casereview_delete", args=[review.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not CaseReview.objects.filter(pk=review.pk).exists()


def test_intake_staff_cannot_touch_articles(client, intake_user, article):
    client.force_login(intake_user)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 403
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


def test_editors_cannot_see_requests(client, editor_user, make_review):
    review = make_review()
    client.force_login(editor_user)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(review)).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.get(REPORT).status_code == 403


def test_non_staff_user_cannot_reach_any_admin_page_or_the_export(client, plain_user, make_review):
    review = make_review()
    client.force_login(plain_user)
    urls = [
        reverse("admin:index"), CHANGELIST, change_url(review), EXPORT, REPORT,
        reverse("admin:intake_casereview_history", args=[review.pk]),
        reverse("admin:intake_statereviewdeadline_changelist"),
        reverse("admin:articles_article_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]
    assert client.post(CHANGELIST, {"action": "export_selected_csv", "_selected_action": [review.pk]}).status_code == 302


def test_anonymous_visitor_cannot_reach_the_export(client, make_review):
    make_review()
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Export.

def test_staff_without_the_export_permission_cannot_export(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    assert client.get(EXPORT).status_code == 403
    response = client.post(CHANGELIST, {"action": "export_selected_csv", "_selected_action": [review.pk]})
    assert response.status_code in (200, 302)
    assert response.get("Content-Type", "").startswith("text/html")
    assert "Export filtered list" not in client.get(CHANGELIST).content.decode()


def test_export_permission_allows_csv_of_the_filtered_list(client, exporter_user, make_review):
    make_review(full_name="Signed Person", status="signed")
    make_review(full_name="New Person", phone="+13125550111")
    client.force_login(exporter_user)
    assert "Export filtered list" in client.get(CHANGELIST).content.decode()
    response = client.get(EXPORT + "?status__exact=signed")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Request"
    assert [row[4] for row in rows[1:]] == ["Signed Person"]


def test_export_neutralises_spreadsheet_formulas_but_keeps_phone_numbers(client, exporter_user, make_review):
    make_review(full_name='=HYPERLINK("http://evil.example")', phone="+13125550100")
    client.force_login(exporter_user)
    response = client.get(EXPORT)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][4] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][5] == "+13125550100"


# The list.

def test_list_shows_the_triage_columns(client, superuser, make_review, article, child_born):
    make_review(
        full_name="Pat Parent", birth_state="OH", diagnosis="hie", child_date_of_birth=child_born(26),
        source_article=article, assigned_to=superuser, facility_type="federal_clinic",
    )
    client.force_login(superuser)
    html = client.get(CHANGELIST).content.decode()
    for text in ("Pat Parent", "(312) 555-0100", "Ohio", "HIE", "2 y 2 m", article.title, "URGENT", "boss", "New"):
        assert text in html, text


def test_list_flags_failed_notifications_and_duplicates(client, superuser, make_review):
    first = make_review()
    second = make_review(duplicate_of=first)
    Notification.objects.create(review=second, kind="staff", status="failed", last_error="SMTPException")
    client.force_login(superuser)
    html = client.get(CHANGELIST).content.decode()
    assert "Email failed" in html
    assert "Possible duplicate" in html
    html = client.get(change_url(second)).content.decode()
    assert f"Earlier request {first.reference}" in html
    assert "SMTPException" in html


def test_failed_notification_filter(client, superuser, make_review):
    ok = make_review(full_name="All Good")
    failed = make_review(full_name="Mail Broke", phone="+13125550111")
    Notification.objects.create(review=failed, kind="staff", status="failed")
    Notification.objects.create(review=ok, kind="staff", status="sent")
    client.force_login(superuser)
    html = client.get(CHANGELIST + "?email=failed").content.decode()
    assert "Mail Broke" in html and "All Good" not in html


def test_oldest_unanswered_first_queue(client, superuser, make_review):
    now = timezone.now()
    newest = make_review(full_name="Newest", created_at=now - timedelta(hours=1))
    oldest = make_review(full_name="Oldest", created_at=now - timedelta(days=3))
    make_review(full_name="Answered", status="contacted", created_at=now - timedelta(days=9))
    client.force_login(superuser)
    default = list(client.get(CHANGELIST).context["cl"].result_list)
    assert default[0] == newest
    queue = list(client.get(CHANGELIST + "?queue=unanswered").context["cl"].result_list)
    assert queue == [oldest, newest]


@pytest.mark.parametrize("term", ["(312) 555-0100", "312.555.0100", "+1 312 555 0100", "3125550100", "555-0100"])
def test_search_finds_a_request_by_phone_in_any_format(client, superuser, make_review, term):
    make_review(full_name="Findable", phone="+13125550100")
    make_review(full_name="Other", phone="+12125550199")
    client.force_login(superuser)
    results = list(client.get(CHANGELIST, {"q": term}).context["cl"].result_list)
    assert [r.full_name for r in results] == ["Findable"]


def test_search_by_name_email_and_request_number(client, superuser, make_review):
    target = make_review(full_name="Maria Lopez", email="maria@example.com")
    make_review(full_name="Other", phone="+12125550199")
    client.force_login(superuser)
    for term in ("lopez", "maria@example", target.reference, target.reference.lower().replace("-", "")):
        results = list(client.get(CHANGELIST, {"q": term}).context["cl"].result_list)
        assert results == [target], term


def test_list_filters_and_date_hierarchy_are_available(client, superuser, make_review, article):
    make_review(assigned_to=superuser, source_article=article)
    client.force_login(superuser)
    response = client.get(CHANGELIST)
    titles = {spec.title for spec in response.context["cl"].filter_specs}
    for title in ("status", "assigned to", "diagnosis", "state of birth", "source article", "received", "queue"):
        assert title in titles, title
    assert response.context["cl"].date_hierarchy == "created_at"


def test_changelist_runs_a_constant_number_of_queries_for_10_or_500_requests(
    client, superuser, make_review, article, child_born
):
    StateReviewDeadline.objects.create(state="OH", review_by_age_months=30)
    client.force_login(superuser)

    def create(count):
        CaseReview.objects.bulk_create([
            CaseReview(
                full_name=f"Person {i}", phone=f"+1312555{i:04d}", birth_state="OH", diagnosis="hie",
                child_date_of_birth=child_born(i % 40), source_article=article, assigned_to=superuser,
                duplicate_of=None,
            )
            for i in range(count)
        ])
        for review in CaseReview.objects.all()[:3]:
            Notification.objects.get_or_create(review=review, kind="staff", defaults={"status": "failed"})

    def count_queries(url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == CaseReview.objects.count()
        return len(ctx.captured_queries)

    create(10)
    client.get(CHANGELIST)  # warm the firm-details cache
    small = count_queries(CHANGELIST + "?all=")
    create(490)
    large = count_queries(CHANGELIST + "?all=")
    assert large == small
    assert small < 25


def test_changelist_of_500_with_django_assert_max_num_queries(
    client, superuser, make_review, django_assert_max_num_queries
):
    CaseReview.objects.bulk_create([CaseReview(full_name=f"P{i}", phone=f"+1312555{i:04d}") for i in range(500)])
    client.force_login(superuser)
    client.get(CHANGELIST)
    with django_assert_max_num_queries(20):
        client.get(CHANGELIST + "?o=10")


# Actions.

def test_assign_to_me_action(client, intake_user, make_review):
    reviews = [make_review(), make_review(phone="+13125550111")]
    client.force_login(intake_user)
    client.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": [r.pk for r in reviews]})
    assert set(CaseReview.objects.values_list("assigned_to", flat=True)) == {intake_user.pk}


def test_bulk_status_and_mark_spam_actions(client, intake_user, make_review):
    a, b = make_review(), make_review(phone="+13125550111")
    client.force_login(intake_user)
    client.post(CHANGELIST, {"action": "set_status_qualified", "_selected_action": [a.pk]})
    client.post(CHANGELIST, {"action": "set_status_spam", "_selected_action": [b.pk]})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == "qualified" and a.first_contacted_at is not None
    assert b.status == "spam" and b.spam_reason == "staff" and b.first_contacted_at is None


def test_record_revocation_action(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    client.post(CHANGELIST, {"action": "record_revocation", "_selected_action": [review.pk]})
    review.refresh_from_db()
    assert review.consent_revoked_at is not None
    assert review.consent_revoked_by == intake_user


def test_revocation_date_entered_in_the_form_records_who_entered_it(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    data = change_form_data(client, review)
    data.update({"consent_revoked_at_0": "2026-01-05", "consent_revoked_at_1": "10:30:00",
                 "consent_revocation_note": "Asked by phone to stop."})
    response = client.post(change_url(review), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    review.refresh_from_db()
    assert review.consent_revoked_at.date().isoformat() == "2026-01-05"
    assert review.consent_revoked_by == intake_user


# Concurrency, read-only evidence, history.

def test_a_save_based_on_a_stale_version_is_refused_and_nothing_is_overwritten(client, intake_user, superuser, make_review):
    review = make_review(full_name="Original")
    client.force_login(intake_user)
    stale = change_form_data(client, review)
    # Someone else saves in between.
    services.case_review_set_status(review=review, status="contacted", by=superuser)
    stale.update({"full_name": "Overwritten", "status": "not_qualified", "notes-0-body": "My note"})
    response = client.post(change_url(review), stale)
    assert response.status_code == 200
    assert "Someone else saved this request" in response.content.decode()
    assert "My note" in response.content.decode()
    review.refresh_from_db()
    assert review.full_name == "Original"
    assert review.status == "contacted"
    assert not review.notes.exists()


def test_consent_and_attribution_fields_are_read_only(client, superuser, make_review):
    review = make_review(consent_text="Shown wording", utm_source="google", ip_address="203.0.113.1")
    client.force_login(superuser)
    form_fields = client.get(change_url(review)).context["adminform"].form.fields
    for name in ("consent_text", "consent_version", "consent_text_sha256", "consent_at", "consent_given",
                 "ip_address", "user_agent", "consent_page_url", "utm_source", "landing_page", "referrer",
                 "source_article", "first_contacted_at"):
        assert name not in form_fields, name
    data = change_form_data(client, review)
    data.update({"consent_text": "Tampered", "utm_source": "tampered"})
    client.post(change_url(review), data)
    review.refresh_from_db()
    assert review.consent_text == "Shown wording" and review.utm_source == "google"


def test_every_change_is_kept_in_a_viewable_history(client, intake_user, make_review):
    review = make_review()
    client.force_login(intake_user)
    data = change_form_data(client, review)
    data["status"] = "contacted"
    client.post(change_url(review), data)
    history = list(review.history.order_by("history_date"))
    assert len(history) == 2
    assert history[-1].status == "contacted" and history[-1].history_user == intake_user
    response = client.get(reverse("admin:intake_casereview_history", args=[review.pk]))
    assert response.status_code == 200
    assert "intake" in response.content.decode()


def test_history_cannot_be_used_to_revert(client, superuser, make_review):
    review = make_review(full_name="Before")
    services.case_review_assign(review=review, to=superuser, by=superuser)
    first = review.history.earliest("history_date")
    url = reverse("admin:intake_casereview_simple_history", args=[review.pk, first.history_id])
    client.force_login(superuser)
    assert client.post(url, {"full_name": "Reverted"}).status_code == 403


# Hostile text in the admin.

def test_hostile_text_is_shown_escaped_in_the_admin_list_and_detail(client, superuser, make_review):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    review = make_review(full_name=hostile, description=hostile, facility_name=hostile, utm_source=hostile)
    client.force_login(superuser)
    for url in (CHANGELIST, change_url(review), reverse("admin:intake_casereview_history", args=[review.pk])):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(" in html, url


# Report.

def test_report_shows_weekly_chart_table_articles_statuses_and_median_first_contact(
    client, intake_user, make_review, article
):
    now = timezone.now()
    make_review(created_at=now - timedelta(days=1), source_article=article,
                first_contacted_at=now - timedelta(days=1) + timedelta(hours=2), status="contacted")
    make_review(created_at=now - timedelta(days=8), first_contacted_at=now - timedelta(days=8) + timedelta(hours=4),
                status="qualified")
    make_review(created_at=now - timedelta(days=2), status="spam")
    client.force_login(intake_user)
    assert 'href="/admin/intake/casereview/report/"' in client.get(CHANGELIST).content.decode()
    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    response = client.get(REPORT, {"start": start, "end": timezone.localdate().isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<svg[^>]*role=\"img\"", html)
    assert "<title id=\"chart-title\">Requests per week</title>" in html
    assert "<desc" in html
    assert html.count("<rect") == len(response.context["report"].weeks)
    report = response.context["report"]
    assert report.total == 2 and report.spam == 1
    assert (article.title, 1) in report.by_article
    assert ("Spam", 1) in report.by_status
    assert report.median_first_contact == timedelta(hours=3)
    assert "3 h 0 min" in html


def test_report_with_a_reversed_range_shows_an_error_not_a_crash(client, superuser):
    client.force_login(superuser)
    response = client.get(REPORT, {"start": "2026-02-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "start date must be before" in response.content.decode()


def test_review_deadline_screens_say_it_is_a_triage_setting_not_legal_advice(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:intake_statereviewdeadline_changelist")).content.decode()
    assert "not legal advice" in html
    assert not StateReviewDeadline.objects.exists()


def test_rescuing_a_request_from_spam_in_the_form_sends_its_notifications(
    client, intake_user, make_review, django_capture_on_commit_callbacks
):
    from django.core import mail

    review = make_review(status="spam", spam_reason="honeypot", email="real@example.com")
    client.force_login(intake_user)
    data = change_form_data(client, review)
    data["status"] = "new"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(review), data).status_code == 302
    assert {m.to[0] for m in mail.outbox} >= {"real@example.com"}
    assert review.notifications.count() == 2

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from intake.consent import CONSENT_VERSION, current_consent
from intake.forms import sign_started_at
from intake.models import CaseReview, Notification

pytestmark = pytest.mark.django_db

FORM_URL = "/case-review/"
THANKS_URL = "/case-review/thank-you/"


def test_form_page_renders_one_h1_consent_statement_privacy_link_and_phone(client):
    response = client.get(FORM_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert current_consent(firm_name=response.context["firm"].name).text in html
    assert "does not create an attorney-client relationship" in html
    assert 'href="/privacy/#health-information"' in html
    assert response.context["firm"].phone in html
    assert "What happens next" in html


def test_form_page_has_no_inline_script_and_loads_the_focus_script_from_static(client):
    html = client.get(FORM_URL).content.decode()
    for attrs in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attrs
    assert "js/case-review.js" in html
    assert 'style="' not in html


def test_form_page_and_thank_you_page_are_private_and_never_stored(client):
    for url in (FORM_URL, THANKS_URL):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control
        assert "no-store" in cache_control


def test_form_page_marks_autocomplete_and_keeps_the_childs_birth_date_out_of_autofill(client):
    html = client.get(FORM_URL).content.decode()
    assert re.search(r'name="full_name"[^>]*autocomplete="name"', html)
    assert re.search(r'name="phone"[^>]*autocomplete="tel"', html)
    assert re.search(r'name="email"[^>]*autocomplete="email"', html)
    assert re.search(r'name="child_date_of_birth"[^>]*autocomplete="off"', html)
    assert "bday" not in html


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    html = client.get(FORM_URL).content.decode()
    wrapper = re.search(r'<div\s+class="hp-field"\s+aria-hidden="true">(.*?)</div>\s*</div>', html, re.DOTALL)
    assert wrapper
    assert "Leave this field empty" in wrapper.group(1)
    assert re.search(r'name="website"[^>]*tabindex="-1"[^>]*autocomplete="off"', wrapper.group(1))


def test_state_select_lists_fifty_states_dc_and_territories(client):
    html = client.get(FORM_URL).content.decode()
    select = re.search(r'<select name="birth_state".*?</select>', html, re.DOTALL).group(0)
    assert len(re.findall(r'<option value="[A-Z]{2}"', select)) == 56
    assert 'value="DC"' in select and 'value="PR"' in select


def test_valid_submission_creates_exactly_one_request_and_redirects_to_thank_you(client, form_data):
    response = client.post(FORM_URL, form_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:thanks")
    assert CaseReview.objects.count() == 1
    review = CaseReview.objects.get()
    assert review.status == CaseReview.Status.NEW
    assert review.phone == "+13125550123"
    assert review.full_name == "Jane Example"


def test_thank_you_page_shows_own_request_number_phone_and_next_steps(client, form_data):
    client.post(FORM_URL, form_data)
    review = CaseReview.objects.get()
    response = client.get(THANKS_URL)
    html = response.content.decode()
    assert review.reference in html
    assert response.context["firm"].callback_promise in html
    assert response.context["firm"].phone in html
    assert html.count("<h1") == 1


def test_reloading_the_thank_you_page_submits_nothing_again(client, form_data):
    client.post(FORM_URL, form_data, follow=True)
    client.get(THANKS_URL)
    client.get(THANKS_URL)
    assert CaseReview.objects.count() == 1


def test_thank_you_page_reveals_no_other_persons_request(client, form_data):
    from django.test import Client

    client.post(FORM_URL, form_data)
    other = Client()
    html = other.get(THANKS_URL).content.decode()
    assert CaseReview.objects.get().reference not in html
    assert "Jane" not in html
    # A number in the URL is ignored.
    html = other.get(THANKS_URL + "?reference=CR-000001&id=1").content.decode()
    assert "CR-0000" not in html


def test_invalid_submission_creates_nothing_and_keeps_everything_typed(client, form_data):
    data = {**form_data, "email": "not-an-email", "consent": ""}
    response = client.post(FORM_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert CaseReview.objects.count() == 0
    assert 'value="Jane Example"' in html
    assert 'value="not-an-email"' in html
    assert "The delivery took many hours." in html
    assert 'value="IL" selected' in html


def test_invalid_submission_shows_an_error_summary_linking_to_each_field(client, form_data):
    response = client.post(FORM_URL, {**form_data, "email": "bad", "phone": "", "consent": ""})
    html = response.content.decode()
    assert '<div class="error-summary" role="alert" tabindex="-1" id="error-summary">' in html
    links = re.findall(r'<li><a href="(#id_[a-z_]+)">', html)
    assert links == ["#id_phone", "#id_email", "#id_consent"]
    assert re.search(r'id="id_email"', html)
    assert re.search(r'aria-invalid="true" aria-describedby="id_email_error"', html)
    assert response.context["form"].errors["phone"]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"full_name": ""}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"phone": "", "preferred_contact": "phone"}, "phone"),
        ({"phone": "", "preferred_contact": "text"}, "phone"),
        ({"email": "", "preferred_contact": "email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"phone": "(555) 123-4567"}, "phone"),
        ({"email": "jane@"}, "email"),
        ({"consent": ""}, "consent"),
        ({"child_date_of_birth": "1899-12-31"}, "child_date_of_birth"),
        ({"birth_state": "XX"}, "birth_state"),
        ({"full_name": "x" * 151}, "full_name"),
        ({"description": "x" * 5001}, "description"),
        ({"facility_name": "x" * 201}, "facility_name"),
    ],
)
def test_submission_with_a_bad_field_is_refused_with_a_message_on_that_field(client, form_data, changes, field):
    response = client.post(FORM_URL, {**form_data, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert CaseReview.objects.count() == 0


def test_childs_birth_date_in_the_future_is_refused(client, form_data):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(FORM_URL, {**form_data, "child_date_of_birth": tomorrow})
    assert "cannot be in the future" in response.context["form"].errors["child_date_of_birth"][0]


def test_email_alone_is_enough_when_email_is_the_preferred_method(client, form_data):
    response = client.post(FORM_URL, {**form_data, "phone": "", "preferred_contact": "email"})
    assert response.status_code == 302
    assert CaseReview.objects.get().phone == ""


def test_only_name_one_contact_and_consent_are_required(client):
    data = {"full_name": "A B", "phone": "312 555 0100", "preferred_contact": "phone", "consent": "on",
            "started": sign_started_at()}
    response = client.post(FORM_URL, data)
    assert response.status_code == 302
    assert CaseReview.objects.get().phone == "+13125550100"


def test_phone_in_any_format_is_stored_in_e164(client, form_data):
    client.post(FORM_URL, {**form_data, "phone": "+44 20 7946 0958"})
    assert CaseReview.objects.get().phone == "+442079460958"


def test_consent_evidence_is_stored_with_each_request(client, form_data):
    client.post(
        FORM_URL + "?article=x", form_data, HTTP_USER_AGENT="TestBrowser/1.0", REMOTE_ADDR="203.0.113.9"
    )
    review = CaseReview.objects.get()
    expected = current_consent(firm_name="Example Birth Injury Law Firm")
    assert review.consent_given is True
    assert review.consent_text == expected.text
    assert review.consent_version == CONSENT_VERSION
    assert review.consent_text_sha256 == expected.sha256
    assert review.consent_at is not None and timezone.is_aware(review.consent_at)
    assert review.consent_page_url == "http://testserver/case-review/?article=x"
    assert review.ip_address == "203.0.113.9"
    assert review.user_agent == "TestBrowser/1.0"


def test_consent_checkbox_is_not_pre_ticked(client):
    html = client.get(FORM_URL).content.decode()
    checkbox = re.search(r'<input type="checkbox" name="consent"[^>]*>', html).group(0)
    assert "checked" not in checkbox


def test_honeypot_submission_is_stored_as_spam_and_answered_like_a_success(client, form_data):
    response = client.post(FORM_URL, {**form_data, "website": "http://spam.example"})
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    review = CaseReview.objects.get()
    assert review.status == CaseReview.Status.SPAM
    assert review.spam_reason == CaseReview.SpamReason.HONEYPOT
    assert not Notification.objects.exists()
    assert "CR-" not in client.get(THANKS_URL).content.decode()


def test_too_fast_submission_is_stored_as_spam(client, form_data, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 60
    response = client.post(FORM_URL, {**form_data, "started": sign_started_at()})
    assert response.status_code == 302
    review = CaseReview.objects.get()
    assert review.status == CaseReview.Status.SPAM
    assert review.spam_reason == CaseReview.SpamReason.TOO_FAST


def test_submission_after_the_minimum_time_is_not_spam(client, form_data, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 5
    started = sign_started_at(timezone.now() - timedelta(seconds=30))
    client.post(FORM_URL, {**form_data, "started": started})
    assert CaseReview.objects.get().status == CaseReview.Status.NEW


def test_altered_timestamp_is_stored_as_spam(client, form_data):
    client.post(FORM_URL, {**form_data, "started": "1:forged:signature"})
    assert CaseReview.objects.get().spam_reason == CaseReview.SpamReason.BAD_TIMESTAMP


def test_rate_limit_blocks_the_request_after_the_limit_with_the_phone_number_and_input_kept(
    client, form_data, settings
):
    settings.INTAKE_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(FORM_URL, form_data).status_code == 302
    response = client.post(FORM_URL, {**form_data, "full_name": "Third Try"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many requests" in html
    assert response.context["firm"].phone in html
    assert 'value="Third Try"' in html
    blocked = CaseReview.objects.get(full_name="Third Try")
    assert blocked.status == CaseReview.Status.SPAM
    assert blocked.spam_reason == CaseReview.SpamReason.RATE_LIMITED
    assert CaseReview.objects.filter(status=CaseReview.Status.NEW).count() == 2


def test_rate_limit_counts_each_address_separately(client, form_data, settings):
    settings.INTAKE_RATE_LIMIT = 1
    assert client.post(FORM_URL, form_data, REMOTE_ADDR="198.51.100.1").status_code == 302
    assert client.post(FORM_URL, form_data, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert client.post(FORM_URL, form_data, REMOTE_ADDR="198.51.100.1").status_code == 429


def test_forged_forwarded_for_header_does_not_escape_the_rate_limit(client, form_data, settings):
    settings.INTAKE_RATE_LIMIT = 1
    settings.INTAKE_TRUSTED_PROXY_COUNT = 0
    assert client.post(FORM_URL, form_data, HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 302
    assert client.post(FORM_URL, form_data, HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429


def test_database_error_on_submit_answers_503_keeps_input_and_says_nothing_was_saved(client, form_data):
    with mock.patch("intake.services.case_review_submit", side_effect=OperationalError("database is locked")):
        response = client.post(FORM_URL, {**form_data, "full_name": "Locked Out"})
    html = response.content.decode()
    assert response.status_code == 503
    assert "NOT saved" in html
    assert response.context["firm"].phone in html
    assert 'value="Locked Out"' in html
    assert "The delivery took many hours." in html
    assert CaseReview.objects.count() == 0


def test_database_error_while_saving_rolls_back_everything(client, form_data):
    with mock.patch("intake.models.CaseReview.save", side_effect=OperationalError("database is locked")):
        response = client.post(FORM_URL, form_data)
    assert response.status_code == 503
    assert CaseReview.objects.count() == 0
    assert Notification.objects.count() == 0


HOSTILE_TEXTS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "Zoë \u202eevil\u202c \u200bzero-width 👶🏽 ﷽ Ω",
    "{{ firm.email }} {% now 'Y' %}",
    "' OR 1=1; DROP TABLE intake_casereview; --",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_in_any_text_field_is_stored_exactly(client, form_data, text):
    data = {**form_data, "full_name": "N " + text, "facility_name": text, "description": text * 20}
    response = client.post(FORM_URL, data)
    assert response.status_code == 302
    review = CaseReview.objects.get()
    assert review.full_name == "N " + text
    assert review.facility_name == text
    assert review.description == text * 20


def test_hostile_text_is_shown_escaped_when_the_form_is_redisplayed(client, form_data):
    response = client.post(FORM_URL, {**form_data, "full_name": "<script>alert(1)</script>", "consent": ""})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nul_byte_is_refused_with_a_message_not_an_error_page(client, form_data):
    response = client.post(FORM_URL, {**form_data, "description": "abc\x00def"})
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert CaseReview.objects.count() == 0


def test_very_long_text_is_refused_with_a_message(client, form_data):
    response = client.post(FORM_URL, {**form_data, "description": "<b>" * 100_000})
    assert response.status_code == 200
    assert "at most 5000 characters" in str(response.context["form"].errors["description"])


def test_article_from_the_call_to_action_is_carried_and_saved(client, form_data, article):
    page = client.get(FORM_URL + f"?article={article.slug}")
    assert f'name="source_article" value="{article.slug}"' in page.content.decode()
    client.post(FORM_URL + f"?article={article.slug}", {**form_data, "source_article": article.slug})
    assert CaseReview.objects.get().source_article == article


def test_unknown_or_unpublished_article_slug_is_ignored_not_an_error(client, form_data, article):
    article.status = article.Status.DRAFT
    article.save()
    for slug in ("no-such-article", article.slug, "x" * 500):
        response = client.post(FORM_URL, {**form_data, "source_article": slug})
        assert response.status_code == 302
    assert CaseReview.objects.filter(source_article__isnull=True).count() == 3


def test_cta_links_to_the_form_with_the_article(article):
    from django.template.loader import render_to_string

    html = render_to_string("includes/cta.html", {"source_article": article, "firm": {}})
    assert f'href="/case-review/?article={article.slug}"' in html


def test_notifications_are_sent_after_the_commit(client, form_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(FORM_URL, form_data)
    assert len(callbacks) == 1
    assert len(mail.outbox) == 2
    assert set(Notification.objects.values_list("status", flat=True)) == {Notification.Status.SENT}

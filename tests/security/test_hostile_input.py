"""Hostile input: every case-review field, the attribution data, the Markdown renderer, the admin and the emails."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.rendering import render_markdown
from intake.forms import normalize_phone
from intake.models import CaseReview
from tests.reliability.intake_data import valid_form_data

from .hostile import PAYLOADS, hostile_text

FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
# Text the form stores exactly as typed, apart from Django's stripping of leading and trailing whitespace.
VERBATIM_FIELDS = ("full_name", "email", "facility_name", "description")
OTHER_FIELDS = (
    "phone", "preferred_contact", "best_time", "relationship", "child_date_of_birth", "birth_state",
    "facility_type", "diagnosis", "resuscitation", "nicu_stay", "cooling_therapy", "seizures",
    "consulted_other_lawyer", "consent", "website", "started", "source_article",
)
TEXT_INPUTS = ("full_name", "phone", "email", "facility_name", "description")


@pytest.fixture
def no_rate_limit():
    with override_settings(INTAKE_RATE_LIMIT=10**9):
        yield


def submit(field, value):
    """POST the form with one field replaced; return the response and the request stored, if any."""
    before = CaseReview.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = Client().post(reverse("intake:case_review"), valid_form_data(**{field: value}))
    created = list(CaseReview.objects.filter(pk__gt=before))
    assert len(created) <= 1
    return response, (created[0] if created else None)


def assert_accepted_or_refused_with_a_field_error(response, stored, field, value):
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("intake:thanks")
        assert stored is not None
        return True
    assert stored is None
    form = response.context["form"]
    assert field in form.errors, (field, form.errors)
    html = response.content.decode()
    for message in form.errors[field]:
        assert escape(message) in html
    if field in TEXT_INPUTS:
        # Everything the person typed is still in the form, escaped.
        assert escape(value) in html
    return False


@pytest.mark.parametrize("field", VERBATIM_FIELDS)
def test_free_text_fields_store_hostile_text_exactly_or_refuse_it_with_a_field_error(db, no_rate_limit, field):
    @FUZZ
    @given(value=hostile_text)
    def check(value):
        response, stored = submit(field, value)
        if assert_accepted_or_refused_with_a_field_error(response, stored, field, value):
            assert getattr(stored, field) == value.strip()

    check()


@FUZZ
@given(values=st.dictionaries(st.sampled_from(OTHER_FIELDS), hostile_text, min_size=1, max_size=3))
def test_every_other_field_accepts_or_refuses_hostile_text_without_a_server_error(db, no_rate_limit, values):
    before = CaseReview.objects.count()
    response = Client().post(reverse("intake:case_review"), valid_form_data(**values))
    assert response.status_code in (200, 302), response.status_code
    html = response.content.decode()
    if response.status_code == 302:
        stored = CaseReview.objects.order_by("-pk").first()
        assert CaseReview.objects.count() == before + 1
        if "phone" in values:
            assert stored.phone == (normalize_phone(values["phone"].strip()) if values["phone"].strip() else "")
            assert re.fullmatch(r"(\+\d{6,15})?", stored.phone)
        return
    assert CaseReview.objects.count() == before
    form = response.context["form"]
    assert form.errors and set(form.errors) <= set(values) | {"phone"}, form.errors
    for messages in form.errors.values():
        for message in messages:
            assert escape(message) in html
    if "phone" in values:
        assert escape(values["phone"]) in html


def test_hostile_text_that_passes_validation_is_stored_verbatim(db, no_rate_limit):
    value = "O'Brien & <Sons> \"Quoted\" \u202e\U0001f476 {{ x }} javascript:alert(1)"
    response, stored = submit("full_name", value)
    assert response.status_code == 302
    assert stored.full_name == value


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\x00" not in p] + ["\x00", "a\x00b"])
def test_hostile_attribution_in_the_landing_url_and_referrer_never_breaks_a_submission(db, no_rate_limit, payload):
    from urllib.parse import quote

    client = Client()
    query = "&".join(f"{key}={quote(payload)}" for key in ("utm_source", "utm_medium", "utm_campaign", "utm_term"))
    page = client.get(
        reverse("intake:case_review") + "?" + query, HTTP_REFERER="https://search.example/?q=" + quote(payload)
    )
    assert page.status_code == 200
    response = client.post(reverse("intake:case_review"), valid_form_data(full_name="Attribution Test"))
    assert response.status_code == 302
    stored = CaseReview.objects.get(full_name="Attribution Test")
    assert "\x00" not in stored.utm_source + stored.utm_medium + stored.referrer + stored.landing_page


DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "meta", "link", "base"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class HtmlSafety(HTMLParser):
    """Collects what a browser would treat as active content in a fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                # URL parsing trims C0 controls and spaces at the ends and drops tabs and newlines anywhere.
                squeezed = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"{tag} {name}={value!r}")

    handle_startendtag = handle_starttag


def assert_safe_html(html):
    assert not re.search(r"<\s*script", html, re.IGNORECASE), html[:2000]
    checker = HtmlSafety()
    checker.feed(html)
    checker.close()
    assert not checker.problems, (checker.problems, html[:2000])


markdown_source = st.one_of(
    hostile_text,
    st.lists(
        st.one_of(
            st.sampled_from(PAYLOADS),
            st.sampled_from(PAYLOADS).map(lambda p: f"[click]({p})"),
            st.sampled_from(PAYLOADS).map(lambda p: f"![alt]({p})"),
            st.sampled_from(PAYLOADS).map(lambda p: f"<{p}>"),
            st.sampled_from(PAYLOADS).map(lambda p: f"[x][r]\n\n[r]: {p}\n"),
            st.sampled_from(["# Heading", "## Sub", "| a | b |\n|---|---|\n| 1 | 2 |", "```html\n<script>x</script>\n```",
                             "[@key]", "> quote", "- item", "<div onclick=alert(1)>x</div>", "[x](&#106;avascript:1)",
                             "[x](java&#x09;script:alert(1))", "<a href='&#x6A;avascript:1'>y</a>"]),
            st.text(max_size=60),
        ),
        max_size=12,
    ).map("\n\n".join),
)


@settings(max_examples=300, deadline=None)
@given(source=markdown_source)
def test_rendered_markdown_never_contains_scripts_event_handlers_or_dangerous_urls(source):
    assert_safe_html(render_markdown(source, {"key"}, strict=False).html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_known_payload_is_neutralised_by_the_markdown_renderer(payload):
    for source in (payload, f"[x]({payload})", f"![x]({payload})", f"<div>{payload}</div>"):
        assert_safe_html(render_markdown(source, (), strict=False).html)


HOSTILE_NAME = "<script>alert('name')</script> O'Brien & \"Sons\""
HOSTILE_DESCRIPTION = "<img src=x onerror=alert(1)> javascript:alert(2) {{ firm.name }} \u202e"


@pytest.fixture
def hostile_review(db, no_rate_limit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("intake:case_review"),
            valid_form_data(
                full_name=HOSTILE_NAME, description=HOSTILE_DESCRIPTION, facility_name="<b>Bold</b> Hospital",
                email="obrien@example.com",
            ),
        )
    assert response.status_code == 302
    return CaseReview.objects.get(email="obrien@example.com")


def test_the_admin_change_page_and_list_show_stored_hostile_text_escaped(hostile_review):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "a-long-unusual-passphrase-1")
    client = Client()
    client.force_login(admin)
    for url in (
        reverse("admin:intake_casereview_changelist"),
        reverse("admin:intake_casereview_change", args=[hostile_review.pk]),
        reverse("admin:intake_casereview_history", args=[hostile_review.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert('name')" not in html, url
        assert "<img src=x onerror" not in html, url
        assert "<b>Bold</b>" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_notification_emails_are_plain_text_and_show_the_name_exactly_as_typed(hostile_review):
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", None)
        assert "\n" not in message.subject and "\r" not in message.subject
        assert HOSTILE_DESCRIPTION not in message.body  # the free text stays in the admin only
    acknowledgement = next(message for message in mail.outbox if message.to == ["obrien@example.com"])
    assert HOSTILE_NAME in acknowledgement.body


def test_a_header_injection_attempt_in_the_name_adds_no_email_header(
    db, no_rate_limit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("intake:case_review"),
            valid_form_data(full_name="Jo\r\nBcc: victim@example.com\r\nSubject: hi", email="jo@example.com"),
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        raw = message.message().as_string()
        assert "victim@example.com" not in raw.split("\n\n", 1)[0]
        assert message.bcc == []

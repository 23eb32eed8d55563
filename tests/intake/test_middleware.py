import pytest
from django.test import RequestFactory

from intake.http import client_ip, rate_limit_count
from intake.middleware import COOKIE_NAME, read_cookie
from intake.models import CaseReview

pytestmark = pytest.mark.django_db


def test_first_visit_sets_a_small_signed_http_only_cookie_with_landing_page_referrer_and_utm(client):
    response = client.get(
        "/privacy/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=cp&utm_content=a",
        HTTP_REFERER="https://search.example.org/?q=cerebral+palsy",
    )
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    assert int(cookie["max-age"]) == 30 * 24 * 3600
    assert len(cookie.value) < 2000
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE_NAME] = cookie.value
    data = read_cookie(request)
    assert data["landing_page"].startswith("/privacy/?utm_source=newsletter")
    assert data["referrer"] == "https://search.example.org/?q=cerebral+palsy"
    assert data["utm_source"] == "newsletter"
    assert data["utm_medium"] == "email"
    assert data["utm_campaign"] == "spring"
    assert data["utm_term"] == "cp"
    assert data["utm_content"] == "a"
    assert "private" in response["Cache-Control"]


def test_cookie_is_secure_on_https(client):
    response = client.get("/privacy/", secure=True)
    assert response.cookies[COOKIE_NAME]["secure"]


def test_cookie_is_set_only_once_so_the_first_landing_page_is_kept(client):
    client.get("/privacy/?utm_source=first")
    response = client.get("/about/?utm_source=second")
    assert COOKIE_NAME not in response.cookies
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE_NAME] = client.cookies[COOKIE_NAME].value
    assert read_cookie(request)["utm_source"] == "first"


def test_a_referrer_from_our_own_host_is_not_recorded(client):
    client.get("/privacy/", HTTP_REFERER="http://testserver/articles/")
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE_NAME] = client.cookies[COOKIE_NAME].value
    assert read_cookie(request)["referrer"] == ""


def test_a_forged_cookie_is_ignored(client):
    client.cookies[COOKIE_NAME] = "eyJ1dG1fc291cmNlIjoiZXZpbCJ9:forged:sig"
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE_NAME] = client.cookies[COOKIE_NAME].value
    assert read_cookie(request) is None


def test_no_cookie_on_admin_or_error_pages(client):
    assert COOKIE_NAME not in client.get("/admin/login/").cookies
    assert COOKIE_NAME not in client.get("/no-such-page/").cookies


def test_first_visit_creates_no_server_side_session(client):
    from django.contrib.sessions.models import Session

    client.get("/privacy/?utm_source=x")
    assert Session.objects.count() == 0


def test_attribution_from_the_first_visit_is_copied_to_the_session_and_saved_on_the_request(
    client, form_data, article
):
    client.get(
        "/privacy/?utm_source=google&utm_campaign=cp-awareness", HTTP_REFERER="https://www.google.com/"
    )
    client.get(f"/case-review/?article={article.slug}", HTTP_REFERER="http://testserver/privacy/")
    assert client.session["attribution"]["utm_source"] == "google"
    client.post(f"/case-review/?article={article.slug}", {**form_data, "source_article": article.slug})
    review = CaseReview.objects.get()
    assert review.landing_page == "/privacy/?utm_source=google&utm_campaign=cp-awareness"
    assert review.referrer == "https://www.google.com/"
    assert review.utm_source == "google"
    assert review.utm_campaign == "cp-awareness"
    assert review.source_article == article


def test_landing_directly_on_the_form_is_attributed_to_the_form(client, form_data):
    client.post("/case-review/?utm_source=ad", form_data, HTTP_REFERER="https://ads.example.net/x")
    review = CaseReview.objects.get()
    assert review.landing_page == "/case-review/?utm_source=ad"
    assert review.utm_source == "ad"
    assert review.referrer == "https://ads.example.net/x"


def test_very_long_tracking_values_are_clipped(client, form_data):
    client.get("/privacy/?utm_source=" + "s" * 5000, HTTP_REFERER="https://x.example/" + "r" * 5000)
    client.post("/case-review/", form_data)
    review = CaseReview.objects.get()
    assert len(review.utm_source) == 200
    assert len(review.referrer) == 500


# Client IP and X-Forwarded-For.

def make_request(remote="192.0.2.10", xff=None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 0
    assert client_ip(make_request(xff="198.51.100.7")) == "192.0.2.10"


def test_one_trusted_proxy_means_the_rightmost_forwarded_address(settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 1
    assert client_ip(make_request(xff="6.6.6.6, 198.51.100.7")) == "198.51.100.7"


def test_two_trusted_proxies_means_the_second_address_from_the_right(settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 2
    assert client_ip(make_request(xff="6.6.6.6, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"


def test_fewer_forwarded_addresses_than_proxies_uses_the_leftmost(settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 3
    assert client_ip(make_request(xff="198.51.100.7, 10.0.0.2")) == "198.51.100.7"


def test_garbage_forwarded_for_falls_back_to_the_socket_address(settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 1
    assert client_ip(make_request(xff="<script>")) == "192.0.2.10"
    assert client_ip(make_request(xff="")) == "192.0.2.10"


def test_ipv6_addresses_are_accepted(settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 1
    assert client_ip(make_request(xff="2001:db8::1")) == "2001:db8::1"


def test_rate_limit_counter_counts_up_per_address():
    assert [rate_limit_count("192.0.2.1") for _ in range(3)] == [1, 2, 3]
    assert rate_limit_count("192.0.2.2") == 1


def test_trusted_proxy_address_is_stored_as_the_requests_ip(client, form_data, settings):
    settings.INTAKE_TRUSTED_PROXY_COUNT = 1
    client.post("/case-review/", form_data, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert CaseReview.objects.get().ip_address == "198.51.100.7"

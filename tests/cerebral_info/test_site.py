import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from cerebral_info.models import ContentGeneration, FirmDetails


@pytest.fixture
def firm(db):
    details = FirmDetails.load()
    details.name = "Harbor & Lane Birth Injury Lawyers"
    details.phone = "(844) 555-0100"
    details.phone_e164 = "+18445550100"
    details.save()
    return details


def test_firm_details_show_in_header_footer_with_a_tel_link(client, firm):
    response = client.get(reverse("about"))
    html = response.content.decode()
    assert "Harbor &amp; Lane Birth Injury Lawyers" in html
    assert 'href="tel:+18445550100"' in html
    assert html.count("(844) 555-0100") >= 2


def test_staff_edit_of_firm_details_shows_on_the_next_request(client, admin_client, firm):
    assert "(844) 555-0100" in client.get(reverse("about")).content.decode()
    assert client.get(reverse("about"))["X-Page-Cache"] == "hit"
    url = reverse("admin:cerebral_info_firmdetails_change", args=[firm.pk])
    data = {
        "name": firm.name, "tagline": firm.tagline, "phone": "(844) 555-0199", "phone_e164": "+18445550199",
        "email": firm.email, "hours": firm.hours, "street_address": firm.street_address,
        "locality": firm.locality, "region": firm.region, "postal_code": firm.postal_code,
        "sister_site_name": firm.sister_site_name, "sister_site_url": firm.sister_site_url,
        "intake_notify_emails": "", "callback_promise": firm.callback_promise,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    html = client.get(reverse("about")).content.decode()
    assert "(844) 555-0199" in html
    assert 'href="tel:+18445550199"' in html


def test_every_page_links_to_the_disclaimer(client, db):
    for name in ("about", "privacy", "disclaimer"):
        assert reverse("disclaimer") in client.get(reverse(name)).content.decode()


def test_privacy_policy_has_a_health_information_section(client, db):
    html = client.get(reverse("privacy")).content.decode()
    assert 'id="health-information"' in html
    for words in ("What we collect", "Why", "How long we keep it", "How to ask for deletion"):
        assert words in html


def test_disclaimer_says_attorney_advertising_not_advice_and_no_attorney_client_relationship(client, db):
    html = client.get(reverse("disclaimer")).content.decode()
    assert "attorney advertising" in html
    assert "not medical advice" in html.lower() or "Not medical advice" in html
    assert "does not create an attorney-client relationship" in html


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_unknown_page_is_a_friendly_404_with_the_phone_number(client, firm):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="tel:+18445550100"' in html


def test_server_error_page_renders_with_the_phone_number(rf, firm):
    from cerebral_info.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "tel:+18445550100" in response.content.decode()


def test_responses_carry_the_security_headers(client, db):
    response = client.get(reverse("about"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp


def test_pages_load_no_third_party_resources(client, db):
    import re

    html = client.get(reverse("about")).content.decode()
    for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        assert url.startswith("http://testserver") or "example" in url, url
    assert "<script" not in html or 'src="/static/' in html


def test_static_favicon_and_touch_icon_exist(client, db):
    html = client.get(reverse("about")).content.decode()
    assert "favicon.ico" in html
    assert "apple-touch-icon.png" in html


def test_admin_pages_are_not_cached_or_indexed(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_content_generation_is_bumped_by_content_edits(db):
    before = ContentGeneration.current()
    FirmDetails.load().save()
    assert ContentGeneration.current() == before + 1


def test_local_staff_command_refuses_to_run_in_production(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("create_local_staff")


@override_settings(DEBUG=True)
def test_local_staff_command_creates_a_login_once_and_prints_the_password_once(db):
    from io import StringIO

    from django.core.management import call_command

    first, second = StringIO(), StringIO()
    call_command("create_local_staff", stdout=first)
    call_command("create_local_staff", stdout=second)
    assert "Password:" in first.getvalue()
    assert "Password:" not in second.getvalue()
    assert get_user_model().objects.filter(username="localadmin", is_staff=True).count() == 1

"""Valid case-review form data, and a minimal HTTP visitor with its own cookies for servers on 127.0.0.1."""

import http.client
from datetime import timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.utils import timezone

CASE_REVIEW_PATH = "/case-review/"
THANKS_PATH = "/case-review/thank-you/"


def valid_form_data(**overrides):
    """Everything a careful visitor fills in, with a form timestamp from five minutes ago."""
    from intake.forms import sign_started_at

    data = {
        "full_name": "Jordan Example",
        "phone": "(312) 555-0123",
        "email": "jordan@example.com",
        "preferred_contact": "phone",
        "best_time": "morning",
        "relationship": "parent",
        "child_date_of_birth": "2022-03-14",
        "birth_state": "IL",
        "facility_name": "Example General Hospital",
        "facility_type": "private",
        "diagnosis": "cerebral_palsy",
        "resuscitation": "yes",
        "nicu_stay": "yes",
        "cooling_therapy": "not_sure",
        "seizures": "no",
        "consulted_other_lawyer": "no",
        "description": "Our baby needed help breathing after a long labor.",
        "consent": "on",
        "website": "",
        "started": sign_started_at(timezone.now() - timedelta(minutes=5)),
        "source_article": "",
    }
    data.update(overrides)
    return data


class FormFields(HTMLParser):
    """The successful controls of the first form with a CSRF token: {name: value}."""

    def __init__(self):
        super().__init__()
        self.values = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_fields(html):
    parser = FormFields()
    parser.feed(html)
    return parser.values


class Visitor:
    """One person's browser: its own cookie jar, HTTP/1.1 to a loopback server behind a (simulated) TLS proxy."""

    def __init__(self, base_url, *, timeout=30):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"https://{self.host}:{self.port}"
        self.cookies = {}
        self.timeout = timeout

    def request(self, method, path, *, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        all_headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "Mozilla/5.0 (reliability test)",
            "Accept": "text/html",
        }
        if self.cookies:
            # Secure cookies go back too: the simulated TLS proxy terminates HTTPS in front of us.
            all_headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        all_headers.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.msg.get_all("Set-Cookie") or []:
                for key, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
            return response.status, response.headers, text
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request(
            "POST", path, body=urlencode(data, doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            },
        )

    def submit_case_review(self, overrides, path=CASE_REVIEW_PATH):
        """Open the form like a browser (CSRF token, signed start time), fill it in, send it."""
        status, _headers, html = self.get(path)
        assert status == 200, (status, html[:500])
        shown = form_fields(html)
        data = valid_form_data(**overrides)
        data["csrfmiddlewaretoken"] = shown["csrfmiddlewaretoken"]
        data["started"] = shown["started"]
        return self.post(path, data)

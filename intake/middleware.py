"""First-visit attribution: where a reader came from, kept until they ask for a case review.

The data lives in a small signed first-party cookie rather than in the
server-side session: creating a session for every anonymous reader would
write to the database on every first visit and defeat the page cache. The
case-review form copies the cookie into the session (see ``views``).
"""

import base64
import functools
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_cache_control

COOKIE_NAME = "first_visit"
COOKIE_SALT = "intake.attribution"
COOKIE_MAX_AGE = 30 * 24 * 3600
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
KEYS = ("landing_page", "referrer", *UTM_KEYS)
URL_LIMIT = 500
UTM_LIMIT = 200


CONTROL_CHARACTERS = dict.fromkeys(range(0x20))


def _clip(value, limit):
    # Control characters (NUL above all) have no place in a URL or a tag, and PostgreSQL refuses NUL.
    return str(value).translate(CONTROL_CHARACTERS)[:limit]


def external_referrer(request):
    referrer = request.META.get("HTTP_REFERER", "")
    if not referrer:
        return ""
    try:
        host = request.get_host().split(":")[0].lower()
    except DisallowedHost:
        return ""
    referrer_host = (urlsplit(referrer).hostname or "").lower()
    if not referrer_host or referrer_host == host:
        return ""
    return _clip(referrer, URL_LIMIT)


def attribution_from_request(request):
    """What this request says about a first visit."""
    data = {"landing_page": _clip(request.get_full_path(), URL_LIMIT), "referrer": external_referrer(request)}
    query = request.GET if request.META.get("QUERY_STRING") else {}
    for key in UTM_KEYS:
        data[key] = _clip(query.get(key, ""), UTM_LIMIT)
    return data


def clean_attribution(data):
    if not isinstance(data, dict):
        return None
    limits = {"landing_page": URL_LIMIT, "referrer": URL_LIMIT}
    return {key: _clip(data.get(key) or "", limits.get(key, UTM_LIMIT)) for key in KEYS}


def encode(data):
    # Empty values are left out (``clean_attribution`` puts them back): a shorter cookie.
    compact = {key: value for key, value in data.items() if value}
    return base64.urlsafe_b64encode(json.dumps(compact, separators=(",", ":")).encode()).decode()


def decode(value):
    try:
        return clean_attribution(json.loads(base64.urlsafe_b64decode(value.encode())))
    except (ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=4)
def _cookie_signer(secret_key, fallback_keys):
    # The signer ``HttpResponse.set_signed_cookie`` would build, made once per key
    # rather than on every first visit (this runs on every page-cache hit).
    return signing.get_cookie_signer(salt=COOKIE_NAME + COOKIE_SALT)


def cookie_signer():
    return _cookie_signer(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))


def read_cookie(request):
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return None
    try:
        return decode(cookie_signer().unsign(value, max_age=COOKIE_MAX_AGE))
    except signing.BadSignature:
        return None


class AttributionMiddleware:
    """Remember the first landing page, external referrer and UTM tags of a visit.

    ``request.attribution`` is the cookie's data, or None on a first visit
    (``attribution_from_request`` then says what this request would record;
    it is worked out only when needed, as this runs on every page-cache hit).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped_prefixes = ("/" + settings.ADMIN_URL, settings.STATIC_URL, settings.MEDIA_URL)

    def __call__(self, request):
        stored = request.attribution = read_cookie(request)
        response = self.get_response(request)
        if stored is None and self._should_record(request, response):
            first_visit = request.attribution or attribution_from_request(request)
            response.set_cookie(
                COOKIE_NAME,
                cookie_signer().sign(encode(first_visit)),
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            # A response that sets a visitor's cookie must not be kept by a shared cache.
            patch_cache_control(response, private=True)
        return response

    def _should_record(self, request, response):
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(self.skipped_prefixes)
        )

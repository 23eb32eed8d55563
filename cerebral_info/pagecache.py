"""Server-side cache of whole pages for anonymous readers.

Only anonymous GET/HEAD requests are served from the cache, and only
responses that set no cookie and carry no CSRF token are stored, so a
visitor never receives another visitor's token or a staff member's page.
Keys include the content generation (see ``ContentGeneration``): an edit of
an article, a reference, a topic, a person or the firm details makes every
cached page stale at once.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse

from .models import ContentGeneration

HEADERS_KEPT = ("Content-Type", "Content-Language", "Last-Modified", "ETag", "Vary", "Cache-Control")


def is_anonymous(request):
    session_cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_cookie:
        return True
    return SESSION_KEY not in request.session


def path_is_excluded(path):
    admin_prefix = "/" + settings.ADMIN_URL
    return path.startswith(admin_prefix) or path.startswith("/case-review")


def request_is_eligible(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not path_is_excluded(request.path)
        and is_anonymous(request)
    )


def response_is_storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def cache_key(request, generation):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{generation}:{digest}"


def get(request):
    generation = ContentGeneration.current()
    request.content_generation = generation
    key = cache_key(request, generation)
    return key, cache.get(key)


def store(key, response):
    headers = {name: response[name] for name in HEADERS_KEPT if response.has_header(name)}
    cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)


def rebuild(cached):
    content, headers = cached
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response

"""Server-side cache of whole pages for anonymous readers, and their HTTP caching headers.

Rules (see ``AnonymousPageCacheMiddleware``):

- Only anonymous GET/HEAD requests are served from the cache or stored: a
  request whose session belongs to a logged-in user never is. The admin and
  the case-review pages (``/case-review*``) are never cached at all.
- Only a response that is a plain 200, sets no cookie, used no CSRF token and
  is not marked private/no-store/no-cache is stored. A visitor therefore never
  receives another visitor's CSRF token or a staff member's page. A view that
  shows anything personal to an anonymous visitor (for example from the
  session) must mark its response private, e.g. with ``patch_cache_control``.
- Keys include the content generation (see ``ContentGeneration``): an edit of
  an article, a reference, a topic, a person or the firm details makes every
  cached page stale at once, on every app server.
- Public pages get an ``ETag`` (a hash of the content) unless the view set one,
  a ``Last-Modified`` no earlier than the moment this server first saw the
  current content generation (so an edit of anything a page shows, such as the
  firm's phone number, moves it forward), and ``Cache-Control: public,
  max-age=PUBLIC_MAX_AGE``; revisits with ``If-None-Match`` or
  ``If-Modified-Since`` get a 304. Everything else gets ``Cache-Control:
  private, no-cache`` unless the view chose a policy.

A cache hit costs one raw SQL read of the generation, one cache read and
building an ``HttpResponse``: no ORM model, no template, no view.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from .models import ContentGeneration

HEADERS_KEPT = ("Content-Type", "Content-Language", "Last-Modified", "ETag", "Vary", "Cache-Control")
NOT_SHAREABLE = ("private", "no-store", "no-cache")
EXCLUDED_PREFIXES = ("/case-review",)


def is_anonymous(request):
    """True unless the session belongs to a logged-in user.

    Reads the session only when the visitor sent a session cookie, and leaves
    its "accessed" flag as it was so this check alone adds no ``Vary: Cookie``.
    """
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return True
    session = request.session
    accessed = session.accessed
    logged_in = SESSION_KEY in session
    session.accessed = accessed
    return not logged_in


def path_is_excluded(path):
    return path.startswith("/" + settings.ADMIN_URL) or path.startswith(EXCLUDED_PREFIXES)


def request_is_public(request):
    """An anonymous GET/HEAD of a page that may be cached (by us, browsers and shared caches)."""
    return request.method in ("GET", "HEAD") and not path_is_excluded(request.path) and is_anonymous(request)


def response_is_public(request, response):
    """A response that is the same for every anonymous visitor and may be stored and shared."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in NOT_SHAREABLE)


def generation_seen_at(generation):
    """When this server first saw the content generation (epoch seconds): a safe Last-Modified."""
    key = f"generation-seen:{generation}"
    now = int(time.time())
    cache.add(key, now, None)
    return cache.get(key) or now


def mark_public(response, generation):
    """ETag, Last-Modified, ``Vary: Cookie`` and a public Cache-Control (unless the view chose one).

    The ETag is a hash of the content, replacing any the view set: a page
    shows more than the view's own validators cover (firm details, topics,
    people, references, the list of published articles). A Last-Modified set
    by the view is moved forward to when the current content generation was
    first seen, for the same reason.
    """
    set_response_etag(response)
    seen = generation_seen_at(generation)
    view_last_modified = parse_http_date_safe(response.get("Last-Modified", "")) or 0
    if view_last_modified < seen:
        response["Last-Modified"] = http_date(seen)
    # Logged-in staff get another version of the same URL.
    patch_vary_headers(response, ("Cookie",))
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
    return response


def mark_private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    return response


def cache_key(request, generation):
    # Scheme and host are part of the key: absolute links in a page depend on them. The raw
    # Host header is enough: a disallowed host never gets a 200 stored under its key.
    scheme = "https" if request.is_secure() else "http"
    url = f"{scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
    return f"page:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def current_generation(request):
    """The content generation (one raw SQL read), kept on the request for the rest of it."""
    generation = ContentGeneration.current()
    request.content_generation = generation
    return generation


def store(key, response):
    headers = {name: response[name] for name in HEADERS_KEPT if response.has_header(name)}
    last_modified = parse_http_date_safe(headers["Last-Modified"]) if "Last-Modified" in headers else None
    cache.set(key, (response.content, headers, last_modified), settings.PAGE_CACHE_SECONDS)


def rebuild(cached):
    content, headers, _last_modified = cached
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def hide_conditional_headers(request):
    """Take If-None-Match/If-Modified-Since away from the view; ``conditional`` answers them after rendering.

    A view's own early 304 could only compare its own validators, which do not
    cover everything on the page.
    """
    return {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}


def conditional(request, response, last_modified=None):
    """A 304 when the visitor's copy (If-None-Match / If-Modified-Since) is still current."""
    if not any(name in request.META for name in CONDITIONAL_HEADERS):
        return response
    if last_modified is None and response.has_header("Last-Modified"):
        last_modified = parse_http_date_safe(response["Last-Modified"])
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)

"""Request helpers: the client's IP address and the per-IP rate limit."""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as configured.

    With ``INTAKE_TRUSTED_PROXY_COUNT = N`` the Nth address from the right of
    X-Forwarded-For is the one our own first proxy saw; anything further left
    was written by the client and can be forged. With 0 the header is ignored.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or None
    trusted = settings.INTAKE_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped a proxy; the leftmost was added by ours.
    candidate = forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]
    return _valid_ip(candidate) or remote


def rate_limit_count(ip):
    """Count one submission from ``ip`` and return the count in the current window.

    ``add`` then ``incr`` is atomic on Redis and memcached, so app servers
    sharing the cache share the limit.
    """
    key = f"intake:rate:{ip or 'unknown'}"
    cache.add(key, 0, timeout=settings.INTAKE_RATE_LIMIT_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.INTAKE_RATE_LIMIT_WINDOW)
        return 1


def is_rate_limited(count):
    return count > settings.INTAKE_RATE_LIMIT

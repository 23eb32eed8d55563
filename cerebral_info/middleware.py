from django.conf import settings
from django.utils.cache import patch_cache_control

from . import pagecache


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, and admin hygiene."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers whole pages from the cache (see pagecache.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not pagecache.request_is_eligible(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key, cached = pagecache.get(request)
        if cached is not None:
            response = pagecache.rebuild(cached)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if pagecache.response_is_storable(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
            pagecache.store(key, response)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

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
        # Pages served from the page cache skip the inner XFrameOptionsMiddleware.
        if not getattr(response, "xframe_options_exempt", False):
            response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        if request.path.startswith(self.admin_prefix):
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response


class AnonymousPageCacheMiddleware:
    """Whole pages for anonymous readers from the cache, with ETag/304 and Cache-Control (see pagecache.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not pagecache.request_is_public(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                pagecache.mark_private(response)
            return response

        use_cache = settings.PAGE_CACHE_ENABLED
        if use_cache:
            key, cached = pagecache.get(request)
            if cached is not None:
                response = pagecache.rebuild(cached)
                response["X-Page-Cache"] = "hit"
                return pagecache.conditional(request, response, last_modified=cached[2])

        response = self.get_response(request)
        if not pagecache.response_is_public(request, response):
            return pagecache.mark_private(response)
        pagecache.mark_public(response)
        if use_cache:
            pagecache.store(key, response)
            response["X-Page-Cache"] = "miss"
        return pagecache.conditional(request, response)

from dataclasses import asdict
from typing import ClassVar

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
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

        generation = pagecache.current_generation(request)
        use_cache = settings.PAGE_CACHE_ENABLED
        if use_cache:
            key = pagecache.cache_key(request, generation)
            cached = cache.get(key)
            if cached is not None:
                response = pagecache.conditional(request, pagecache.rebuild(cached), last_modified=cached[2])
                response["X-Page-Cache"] = "hit"
                return response

        conditional_headers = pagecache.hide_conditional_headers(request)
        response = self.get_response(request)
        request.META.update(conditional_headers)
        if not pagecache.response_is_public(request, response):
            return pagecache.mark_private(response)
        pagecache.mark_public(response, generation)
        if use_cache:
            pagecache.store(key, response)
            response["X-Page-Cache"] = "miss"
        return pagecache.conditional(request, response)


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, building the site-wide policy once per process.

    django-csp builds the header from the settings on every response (about a
    tenth of a millisecond, as much as serving a page from the page cache).
    When neither the response (django-csp's per-view decorators) nor the
    request (a nonce) changes the policy, the header depends on the settings
    alone, so it is built once and reused; otherwise django-csp does its work.
    """

    PER_VIEW_ATTRIBUTES = (
        "_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro",
    )
    _built: ClassVar[dict] = {}

    def process_response(self, request, response):
        nonce_used = getattr(request, "_csp_nonce", None) is not None
        if nonce_used or any(getattr(response, name, None) is not None for name in self.PER_VIEW_ATTRIBUTES):
            return super().process_response(request, response)
        if self._built.get("policies") is None:
            self._built["policies"] = (
                (HEADER, build_policy(**asdict(self.get_policy_parts(request, response))), "CONTENT_SECURITY_POLICY",
                 "_csp_exempt"),
                (HEADER_REPORT_ONLY, build_policy(**asdict(self.get_policy_parts(request, response, report_only=True)),
                 report_only=True), "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro"),
            )
        # The rest mirrors django-csp's process_response.
        if response.status_code in (404, 500) and settings.DEBUG:
            return response
        for header, policy, setting, exempt_attribute in self._built["policies"]:
            if not policy or header in response or getattr(response, exempt_attribute, False):
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@receiver(setting_changed)
def _forget_built_csp(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        CSPMiddleware._built.clear()

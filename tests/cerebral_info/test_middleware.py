from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import override_settings

from cerebral_info.middleware import CSPMiddleware


def page(request):
    return HttpResponse("<p>Page</p>")


@csp_update({"img-src": ["https://images.example"]})
def page_with_its_own_policy(request):
    return HttpResponse("<p>Page</p>")


def test_site_wide_policy_built_once_is_the_header_django_csp_would_send(rf):
    expected = DjangoCSPMiddleware(page)(rf.get("/"))["Content-Security-Policy"]
    middleware = CSPMiddleware(page)
    assert middleware(rf.get("/"))["Content-Security-Policy"] == expected
    assert middleware(rf.get("/other/"))["Content-Security-Policy"] == expected


def test_a_view_with_its_own_policy_still_gets_it(rf):
    middleware = CSPMiddleware(page)
    middleware(rf.get("/"))  # the site-wide policy is built
    header = CSPMiddleware(page_with_its_own_policy)(rf.get("/"))["Content-Security-Policy"]
    assert "https://images.example" in header


def test_a_changed_policy_setting_is_picked_up(rf, settings):
    CSPMiddleware(page)(rf.get("/"))
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert CSPMiddleware(page)(rf.get("/"))["Content-Security-Policy"] == "default-src 'none'"
    assert "default-src 'self'" in CSPMiddleware(page)(rf.get("/"))["Content-Security-Policy"]


@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": [SELF, NONCE]}})
def test_a_request_that_used_a_nonce_gets_its_own_nonce_in_the_header(rf):
    def page_with_nonce(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    CSPMiddleware(page)(rf.get("/"))  # a request without a nonce comes first
    middleware = CSPMiddleware(page_with_nonce)
    request = rf.get("/")
    response = middleware(request)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]

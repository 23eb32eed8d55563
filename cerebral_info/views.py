from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView


class PageView(TemplateView):
    """A static page of the site (about, privacy, disclaimer)."""


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /case-review/thank-you/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")

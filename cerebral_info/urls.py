from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic.base import RedirectView

from articles.sitemaps import SITEMAPS

from . import views

admin.site.site_header = "Case review and articles"
admin.site.site_title = "Site admin"
admin.site.index_title = "Intake and content"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("about/", views.PageView.as_view(template_name="pages/about.html"), name="about"),
    path("privacy/", views.PageView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("disclaimer/", views.PageView.as_view(template_name="pages/disclaimer.html"), name="disclaimer"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.ico", permanent=True)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("intake.urls")),
    path("", include("articles.urls")),
]

handler404 = "cerebral_info.errors.page_not_found"
handler500 = "cerebral_info.errors.server_error"

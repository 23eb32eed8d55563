from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Topic


class StaticViewSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["articles:home", "articles:list", "about", "privacy", "disclaimer"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.with_published_articles()


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only(
            "slug", "updated_on", "reviewed_on", "published_at"
        ).order_by("-published_at", "-id")

    def lastmod(self, item):
        return item.last_reviewed_or_updated


SITEMAPS = {"pages": StaticViewSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}

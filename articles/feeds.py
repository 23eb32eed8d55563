from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from cerebral_info.models import FirmDetails

from .models import Article

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "Plain-language articles about cerebral palsy and birth injuries, reviewed for accuracy."

    def title(self):
        return f"{FirmDetails.load().name}: articles"

    def link(self):
        return reverse("articles:list")

    def items(self):
        return Article.objects.published().with_byline()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [item.topic.name]

# Placeholder views; replaced by the articles implementation.
from django.contrib.syndication.views import Feed
from django.views.generic import DetailView, ListView, TemplateView

from .models import Article, Topic


class HomeView(TemplateView):
    template_name = "articles/home.html"


class ArticleListView(ListView):
    queryset = Article.objects.published()


class ArticleDetailView(DetailView):
    queryset = Article.objects.published()


class TopicDetailView(DetailView):
    model = Topic


class SearchView(TemplateView):
    template_name = "articles/search.html"


class LatestArticlesFeed(Feed):
    title = "Articles"
    link = "/articles/"

    def items(self):
        return Article.objects.published()[:20]

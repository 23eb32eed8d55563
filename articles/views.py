from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView, TemplateView

from .models import Article, Topic
from .search import search_articles, search_terms, snippet_parts

ARTICLES_PER_PAGE = 10


class BreadcrumbsMixin:
    """Adds ``breadcrumbs`` ([(name, path), ...], home first) for the visible trail and JSON-LD."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class HomeView(TemplateView):
    template_name = "articles/home.html"
    latest_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_articles"] = list(Article.objects.published().for_cards()[: self.latest_count])
        context["topics"] = list(Topic.objects.with_published_articles())
        return context


class ArticleListView(BreadcrumbsMixin, ListView):
    paginate_by = ARTICLES_PER_PAGE
    queryset = Article.objects.published().for_cards()

    def get_breadcrumbs(self):
        return [("Home", reverse("articles:home")), ("Articles", reverse("articles:list"))]


class TopicDetailView(BreadcrumbsMixin, ListView):
    """A topic and its published articles, paginated."""

    template_name = "articles/topic_detail.html"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return Article.objects.published().filter(topic=self.topic).for_cards()

    def get_breadcrumbs(self):
        return [("Home", reverse("articles:home")), (self.topic.name, self.topic.get_absolute_url())]

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ArticleDetailView(BreadcrumbsMixin, DetailView):
    """One article. Staff who may change articles also see drafts and scheduled ones (preview).

    The template caches the rendered article (body, references, related
    articles, JSON-LD) per content generation, so the references and the
    related articles are loaded lazily: only when that fragment is rendered.
    """

    related_count = 3

    def get_queryset(self):
        # The Markdown source is not shown; its HTML was rendered when the article was saved.
        return Article.objects.visible_to(self.request.user).with_byline().defer("body")

    def get_breadcrumbs(self):
        topic = self.object.topic
        return [
            ("Home", reverse("articles:home")),
            (topic.name, topic.get_absolute_url()),
            (self.object.title, self.object.get_absolute_url()),
        ]

    def get(self, request, *args, **kwargs):
        # ETag, Last-Modified and 304s for public pages come from the page-cache
        # middleware (cerebral_info/pagecache.py), which covers everything a page shows.
        self.object = self.get_object()
        self.preview = not self.object.is_public
        response = self.render_to_response(self.get_context_data(object=self.object))
        if self.preview:
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["preview"] = self.preview
        context["references"] = SimpleLazyObject(lambda: article.numbered_references(list(article.references.all())))
        context["related_articles"] = SimpleLazyObject(
            lambda: list(Article.objects.related_to(article)[: self.related_count])
        )
        return context


class SearchView(ListView):
    template_name = "articles/search.html"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.query = " ".join(self.request.GET.get("q", "").split())[:200]
        self.terms = search_terms(self.query)
        return search_articles(self.query).select_related("topic").defer("body", "body_html", "toc", "citations")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, terms=self.terms, **kwargs)
        page = context["page_obj"]
        if page is not None:
            page.object_list = list(page.object_list)
            for article in page.object_list:
                article.snippet = snippet_parts(article, self.terms)
            context["object_list"] = page.object_list
        return context

from django.urls import path

from . import views
from .feeds import LatestArticlesFeed

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", LatestArticlesFeed(), name="feed"),
]

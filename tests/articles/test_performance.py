"""Work done per public page with the page cache off: a few queries, whatever the amount of content.

Timings are measured by the benchmark (bench/run.py), never here.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Topic

MAX_QUERIES = 5


@pytest.fixture
def content(db, make_article, other_topic):
    """The demo content plus enough articles with references to show any per-row query."""
    call_command("load_demo_content", stdout=StringIO())
    for number in range(12):
        make_article(
            f"Extra article {number} about cerebral palsy",
            slug=f"extra-{number}",
            topic=other_topic if number % 2 else Topic.objects.first(),
            body="Text [@a] and more [@b].",
            references=[{"key": "a"}, {"key": "b"}, {"key": "c"}],
        )
    article = Article.objects.published().order_by("-id").first()
    return {
        "home": reverse("articles:home"),
        "list": reverse("articles:list"),
        "list page 2": reverse("articles:list") + "?page=2",
        "topic": Topic.objects.first().get_absolute_url(),
        "article": article.get_absolute_url(),
        "demo article": Article.objects.published().filter(slug__startswith="extra-").exclude(
            pk=article.pk).last().get_absolute_url(),
        "search": reverse("articles:search") + "?q=cerebral",
        "empty search": reverse("articles:search"),
        "about": reverse("about"),
        "privacy": reverse("privacy"),
        "disclaimer": reverse("disclaimer"),
        "not found": "/no-such-page/",
    }


PAGES = ("home", "list", "list page 2", "topic", "article", "demo article", "search", "empty search", "about",
         "privacy", "disclaimer", "not found")


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_uses_at_most_five_queries_with_the_page_cache_off_and_a_cold_cache(
    client, content, no_page_cache, django_assert_max_num_queries, page
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(content[page])
    assert response.status_code == (404 if page == "not found" else 200)


def test_the_article_page_does_not_query_per_reference_or_related_article(client, make_article, no_page_cache):
    def queries_for(article):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(article.get_absolute_url())  # warm: firm details cached
        with CaptureQueriesContext(connection) as context:
            client.get(article.get_absolute_url())
        return len(context.captured_queries)

    small = make_article("Small", slug="small", references=[{"key": "a"}])
    for number in range(4):
        make_article(f"Related {number}", slug=f"related-{number}")
    large = make_article(
        "Large", slug="large", body=" ".join(f"[@r{n}]" for n in range(25)),
        references=[{"key": f"r{n}"} for n in range(25)],
    )
    assert queries_for(large) == queries_for(small)


def test_a_warm_request_does_no_more_work_than_a_cold_one(client, content, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for page in ("home", "article", "list", "search"):
        with CaptureQueriesContext(connection) as cold:
            client.get(content[page])
        with CaptureQueriesContext(connection) as warm:
            client.get(content[page])
        assert len(warm.captured_queries) <= len(cold.captured_queries), page


def test_images_on_public_pages_are_sized_and_lazy_below_the_top_of_the_main_content(client, content):
    for page in ("home", "list", "topic", "article", "search"):
        html = client.get(content[page]).content.decode()
        main = html.split("<main", 1)[1]
        images = re.findall(r"<img\b[^>]*>", html)
        for tag in images:
            assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), (page, tag)
        for tag in re.findall(r"<img\b[^>]*>", main)[1:]:
            assert 'loading="lazy"' in tag, (page, tag)


def test_public_pages_load_no_third_party_resources_and_no_web_fonts(client, content):
    resource = re.compile(r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:src|href|srcset)="([^"]+)"')
    for page in ("home", "list", "topic", "article", "search", "about"):
        html = client.get(content[page]).content.decode()
        for tag in re.findall(r"<link\b[^>]*>", html):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                html = html.replace(tag, "")
        for url in resource.findall(html):
            assert not re.match(r"(https?:)?//", url), (page, url)
        assert not re.search(r"\.(woff2?|ttf|otf|eot)\b", html), page

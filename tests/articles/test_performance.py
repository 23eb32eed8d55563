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


def test_the_article_page_does_not_query_per_reference_or_related_article(
    client, make_article, no_page_cache, settings
):
    settings.FRAGMENT_CACHE_SECONDS = 0  # render the article every time

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


def query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_a_rendered_article_is_reused_so_a_revisit_needs_only_the_article_itself(client, make_article, no_page_cache):
    article = make_article("Reused", slug="reused", body="Text [@a].", references=[{"key": "a"}])
    make_article("Neighbour", slug="neighbour")
    url = article.get_absolute_url()
    cold = query_count(client, url)
    # The content generation and the article (for 404s, drafts and Last-Modified): no
    # references, related articles or firm details are read again.
    assert query_count(client, url) == 2 < cold


def test_editing_an_article_its_references_or_its_topic_shows_on_the_next_request_without_the_page_cache(
    client, make_article, no_page_cache
):
    article = make_article("Before the edit", slug="edited", body="Old sentence [@a].",
                           references=[{"key": "a", "title": "Old reference title"}])
    url = article.get_absolute_url()
    assert b"Old sentence" in client.get(url).content

    article.body = "New sentence [@a]."
    article.full_clean()
    article.save()
    html = client.get(url).content.decode()
    assert "New sentence" in html and "Old sentence" not in html

    reference = article.references.get()
    reference.title = "New reference title"
    reference.save()
    html = client.get(url).content.decode()
    assert "New reference title" in html and "Old reference title" not in html

    article.topic.name = "Renamed topic"
    article.topic.save()
    assert "Renamed topic" in client.get(url).content.decode()


def test_a_newly_published_article_on_the_same_topic_shows_among_related_articles_at_once(
    client, make_article, no_page_cache
):
    article = make_article("Main article", slug="main-article")
    url = article.get_absolute_url()
    assert "A brand-new neighbour" not in client.get(url).content.decode()
    make_article("A brand-new neighbour", slug="brand-new")
    assert "A brand-new neighbour" in client.get(url).content.decode()


def test_a_change_of_the_firm_phone_shows_in_the_header_footer_and_call_to_action_at_once(
    client, make_article, no_page_cache
):
    from cerebral_info.models import FirmDetails

    url = make_article("Phone article", slug="phone-article").get_absolute_url()
    client.get(url)
    firm = FirmDetails.load()
    firm.phone, firm.phone_e164 = "(312) 555-0188", "+13125550188"
    firm.save()
    html = client.get(url).content.decode()
    assert html.count('href="tel:+13125550188"') >= 3  # header, call to action, footer
    assert "(312) 555-0188" in html


def test_the_header_marks_the_current_section_on_each_page_despite_caching(client, make_article, no_page_cache):
    def main_nav(url):
        html = client.get(url).content.decode()
        return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]

    url = make_article("Nav article", slug="nav-article").get_absolute_url()
    current = 'aria-current="page"'
    assert current not in main_nav(url)
    assert '<a href="/articles/" aria-current="page">' in main_nav(reverse("articles:list"))
    assert current not in main_nav(reverse("privacy"))
    assert '<a href="/about/" aria-current="page">' in main_nav(reverse("about"))
    assert current not in main_nav(url)


def test_a_staff_preview_of_a_draft_never_reaches_readers_through_the_fragment_cache(
    client, admin_client, make_article, no_page_cache
):
    article = make_article("Draft article", slug="draft-article", status=Article.Status.DRAFT)
    url = article.get_absolute_url()
    assert "Preview: not published" in admin_client.get(url).content.decode()
    assert client.get(url).status_code == 404
    article.status = Article.Status.PUBLISHED
    article.save()
    html = client.get(url).content.decode()
    assert "Draft article" in html and "Preview: not published" not in html

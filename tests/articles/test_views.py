import datetime
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

pytestmark = pytest.mark.django_db


class TagCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(response):
    parser = TagCounter()
    parser.feed(response.content.decode())
    return parser.tags


def test_home_lists_latest_published_articles_topics_and_a_case_review_link(client, article, draft, scheduled):
    response = client.get(reverse("articles:home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert article.title in content
    assert draft.title not in content and scheduled.title not in content
    assert 'href="/topics/diagnosis/"' in content
    assert reverse("intake:case_review") in content
    assert [tag for tag, _ in tags(response)].count("h1") == 1


def test_article_list_is_paginated_ten_per_page_with_an_accessible_nav(client, make_article, yesterday):
    for number in range(12):
        make_article(f"Article number {number}", published_at=yesterday - datetime.timedelta(hours=number))

    first = client.get(reverse("articles:list"))
    second = client.get(reverse("articles:list"), {"page": 2})

    assert len(first.context["object_list"]) == 10
    assert len(second.context["object_list"]) == 2
    assert '<nav class="pagination-nav" aria-label="Article pages">' in first.content.decode()
    assert 'href="?page=2" rel="next">Next page</a>' in first.content.decode()
    assert 'aria-current="page" aria-label="Page 2, current page"' in second.content.decode()
    assert client.get(reverse("articles:list"), {"page": 9}).status_code == 404


def test_the_topic_page_lists_only_its_published_articles(client, article, draft, scheduled, make_article, other_topic):
    elsewhere = make_article("Physical therapy basics", topic=other_topic)

    response = client.get(reverse("articles:topic", kwargs={"slug": "diagnosis"}))

    titles = [a.title for a in response.context["object_list"]]
    assert titles == [article.title]
    assert elsewhere.title not in response.content.decode()
    assert client.get(reverse("articles:topic", kwargs={"slug": "no-such-topic"})).status_code == 404


def test_the_article_page_shows_byline_dates_toc_body_references_and_the_attributed_cta(client, article):
    response = client.get(article.get_absolute_url())
    content = response.content.decode()

    assert response.status_code == 200
    assert "Written by <strong>Placeholder Writer</strong>, MA" in content
    assert "Medically reviewed by <strong>Placeholder Reviewer</strong>, MD" in content
    assert 'Medically reviewed on <time datetime="2024-03-01">March 1, 2024</time>' in content
    assert 'Updated <time datetime="2024-05-02">May 2, 2024</time>' in content
    assert "Published <time datetime=" in content
    assert "1 min read" in content
    assert '<nav class="toc prose" aria-labelledby="toc-heading">' in content
    assert '<a href="#what-to-look-for">What to look for</a>' in content
    assert '<h2 id="what-to-look-for">' in content
    assert f'{reverse("intake:case_review")}?article={article.slug}' in content
    assert [tag for tag, _ in tags(response)].count("h1") == 1


def test_references_are_an_ordered_list_numbered_by_citation_with_back_links_and_evidence_labels(client, article):
    content = client.get(article.get_absolute_url()).content.decode()

    assert '<ol class="references">' in content
    first, second, third = content.index('id="ref-1"'), content.index('id="ref-2"'), content.index('id="ref-3"')
    assert first < second < third
    assert '<a href="https://doi.org/10.1000/xyz123" rel="noopener noreferrer">https://doi.org/10.1000/xyz123</a>' in content
    assert 'href="https://example.org/guide"' in content
    assert "Case series" in content and "Guideline or consensus statement" in content
    assert 'href="#cite-1-1"' in content and 'href="#cite-1-2"' in content and 'href="#cite-2-1"' in content
    assert 'id="cite-1-1"' in content and 'href="#ref-1"' in content
    assert "Background reading" in content  # never cited, still listed


def test_related_articles_come_from_the_same_topic_and_are_published(client, article, make_article, draft, other_topic):
    same = [make_article(f"Same topic {n}") for n in range(4)]
    make_article("Other topic", topic=other_topic)

    related = client.get(article.get_absolute_url()).context["related_articles"]

    assert len(related) == 3
    assert {a.topic_id for a in related} == {article.topic_id}
    assert article not in related and draft not in related
    assert set(related) <= set(same)


@pytest.mark.parametrize("fixture", ["draft", "scheduled"])
def test_unpublished_articles_are_404_and_absent_from_lists_for_the_public(client, request, fixture, article):
    hidden = request.getfixturevalue(fixture)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in (reverse("articles:home"), reverse("articles:list"), reverse("articles:topic", kwargs={"slug": "diagnosis"})):
        assert hidden.title not in client.get(url).content.decode()
    search = client.get(reverse("articles:search"), {"q": hidden.title.split()[-1]})
    assert hidden.title not in search.content.decode()


def test_staff_without_change_permission_cannot_see_unpublished_article(client, draft, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", "v@example.com", "a-long-test-password", is_staff=True)
    client.force_login(viewer)

    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("fixture", ["draft", "scheduled"])
def test_editors_can_preview_unpublished_articles_with_a_banner_and_private_caching(editor_client, request, fixture):
    hidden = request.getfixturevalue(fixture)

    response = editor_client.get(hidden.get_absolute_url())

    assert response.status_code == 200
    assert "Preview: not published." in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_preview_is_never_stored_in_the_page_cache(editor_client, client, draft):
    editor_client.get(draft.get_absolute_url())
    client.logout()

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_published_articles_have_no_preview_banner_and_may_be_cached_publicly(client, article):
    client.get(reverse("articles:home"))  # the first visit sets the attribution cookie (private)
    response = client.get(article.get_absolute_url())

    assert "Preview" not in response.content.decode()
    assert "private" not in response["Cache-Control"]


def test_a_revisit_with_if_modified_since_gets_304(client, article, no_page_cache):
    first = client.get(article.get_absolute_url())
    assert first["Last-Modified"] == http_date(int(article.modified_at.timestamp()))

    revisit = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert revisit.status_code == 304
    assert revisit.content == b""


def test_a_revisit_with_if_none_match_gets_304_until_the_article_changes(client, article, no_page_cache):
    etag = client.get(article.get_absolute_url())["ETag"]

    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    article.title = "A changed title"
    article.save()
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_search_with_an_empty_query_shows_the_labelled_form_and_a_message(client):
    response = client.get(reverse("articles:search"))
    content = response.content.decode()

    assert response.status_code == 200
    assert '<form class="search-form prose mb-4" action="/search/" method="get" role="search">' in content
    assert '<label class="form-label" for="search-q">' in content
    assert "Enter a word or two to search" in content


def test_search_ranks_title_matches_first_and_shows_a_highlighted_snippet(client, make_article, yesterday):
    in_body = make_article("Therapy overview", body="Hippotherapy uses horses. " * 3, published_at=yesterday)
    in_summary = make_article("Another overview", summary="About hippotherapy.", published_at=yesterday)
    in_title = make_article("Hippotherapy explained", published_at=yesterday - datetime.timedelta(days=3))
    make_article("Unrelated", body="Nothing here.")

    response = client.get(reverse("articles:search"), {"q": "hippotherapy"})

    assert list(response.context["object_list"]) == [in_title, in_summary, in_body]
    assert "<mark>Hippotherapy</mark> uses horses." in response.content.decode()
    assert "3 articles found" in response.content.decode()


def test_search_requires_every_word_and_escapes_the_query(client, article):
    response = client.get(reverse("articles:search"), {"q": '<script>alert(1)</script> signs'})

    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "No articles found" in content


def test_search_results_are_paginated(client, make_article):
    for number in range(11):
        make_article(f"Spasticity note {number}")

    response = client.get(reverse("articles:search"), {"q": "spasticity", "page": 2})

    assert len(response.context["object_list"]) == 1
    assert 'href="?q=spasticity&amp;page=1"' in response.content.decode()


@pytest.mark.parametrize("url_name", ["articles:home", "articles:list", "articles:search"])
def test_list_pages_use_at_most_five_queries_on_a_cold_page_cache(client, article, no_page_cache, url_name,
                                                                  django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get(reverse(url_name), {"q": "signs"} if url_name == "articles:search" else {})
    assert response.status_code == 200


def test_topic_page_uses_at_most_five_queries(client, article, no_page_cache, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get(reverse("articles:topic", kwargs={"slug": "diagnosis"})).status_code == 200


def test_the_article_page_uses_the_same_few_queries_with_1_or_30_references(
    client, make_article, no_page_cache, django_assert_max_num_queries
):
    small = make_article("Small article", body="One [@r0].", references=[{"key": "r0"}])
    many_refs = [{"key": f"r{n}", "doi": f"10.1000/ref{n}"} for n in range(30)]
    large = make_article(
        "Large article", body=" ".join(f"Claim [@r{n}]." for n in range(30)), references=many_refs
    )
    for number in range(5):
        make_article(f"Related {number}")

    counts = []
    for article in (small, large):
        cache.clear()  # both requests start cold
        with django_assert_max_num_queries(5), CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))

    assert len(client.get(large.get_absolute_url()).context["references"]) == 30
    assert counts[0] == counts[1]


def test_every_public_page_has_a_canonical_link_and_social_tags(client, article):
    for url in (reverse("articles:home"), reverse("articles:list"), article.get_absolute_url()):
        page = {attrs.get("property") or attrs.get("name") or attrs.get("rel"): attrs for tag, attrs in tags(client.get(url)) if tag in ("meta", "link")}
        assert page["canonical"]["href"].startswith("http://testserver/")
        assert page["og:title"]["content"]
        assert page["twitter:card"]["content"] == "summary"
    detail = client.get(article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in detail
    assert '<meta property="og:type" content="article">' in detail


def test_the_table_of_contents_nests_h3_sections_under_their_h2(client, make_article):
    article = make_article("Nested", body="## Types\n\n### Spastic\n\n### Dyskinetic\n\n## Causes\n\ntext")

    content = client.get(article.get_absolute_url()).content.decode()

    toc = content[content.index('aria-labelledby="toc-heading"'):content.index("</nav>", content.index("toc-heading"))]
    assert toc.count("<ol>") == 2
    assert toc.index('href="#types"') < toc.index('href="#spastic"') < toc.index('href="#dyskinetic"') < toc.index('href="#causes"')

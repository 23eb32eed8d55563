import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.structured_data import to_script_json

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def jsonld_blocks(response):
    content = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.DOTALL)
    return [json.loads(block) for block in blocks]


def graph_by_type(response):
    (block,) = jsonld_blocks(response)
    assert block["@context"] == "https://schema.org"
    return {node["@type"]: node for node in block["@graph"]}


def test_the_sitemap_lists_pages_topics_and_published_articles_only(client, article, draft, scheduled):
    response = client.get(reverse("sitemap"))
    root = ET.fromstring(response.content)

    urls = {url.findtext("sm:loc", namespaces=SITEMAP_NS): url for url in root.findall("sm:url", SITEMAP_NS)}
    paths = {loc.removeprefix("http://testserver") for loc in urls}
    assert {"/", "/articles/", "/about/", "/privacy/", "/disclaimer/", "/topics/diagnosis/"} <= paths
    assert article.get_absolute_url() in paths
    assert draft.get_absolute_url() not in paths and scheduled.get_absolute_url() not in paths
    lastmod = urls[f"http://testserver{article.get_absolute_url()}"].findtext("sm:lastmod", namespaces=SITEMAP_NS)
    assert lastmod.startswith("2024-05-02")  # the later of updated (May 2) and reviewed (March 1)


def test_a_topic_with_only_unpublished_articles_is_not_in_the_sitemap(client, draft, other_topic):
    root = ET.fromstring(client.get(reverse("sitemap")).content)

    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert not any("/topics/" in loc for loc in locs)


def test_the_rss_feed_parses_and_holds_published_articles_only(client, article, draft, scheduled):
    response = client.get(reverse("articles:feed"))
    channel = ET.fromstring(response.content).find("channel")

    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [article.title]
    assert items[0].findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert items[0].findtext("description") == article.summary
    assert items[0].findtext("category") == "Diagnosis"
    assert response["Content-Type"].startswith("application/rss+xml")


def test_the_article_page_has_medical_web_page_breadcrumbs_and_legal_service_json_ld(client, article):
    graph = graph_by_type(client.get(article.get_absolute_url()))

    page = graph["MedicalWebPage"]
    assert page["headline"] == article.title
    assert page["description"] == article.summary
    assert page["author"] == {"@type": "Person", "name": "Placeholder Writer", "honorificSuffix": "MA"}
    assert page["reviewedBy"]["name"] == "Placeholder Reviewer"
    assert page["lastReviewed"] == "2024-03-01"
    assert page["dateModified"] == "2024-05-02"
    assert page["datePublished"].startswith(str(article.published_at.date())[:4])
    citations = page["citation"]
    assert [c["@type"] for c in citations] == ["ScholarlyArticle"] * 3
    assert citations[0]["url"] == citations[0]["sameAs"] == "https://doi.org/10.1000/xyz123"
    assert citations[1]["url"] == "https://example.org/guide"
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Diagnosis", article.title]
    assert crumbs[-1]["item"] == f"http://testserver{article.get_absolute_url()}"
    assert graph["LegalService"]["telephone"].startswith("+")


def test_the_home_page_describes_the_firm_as_a_legal_service(client, article):
    graph = graph_by_type(client.get(reverse("articles:home")))

    assert graph["LegalService"]["address"]["@type"] == "PostalAddress"


def test_json_ld_lists_only_published_articles_on_list_pages(client, article, draft):
    response = client.get(reverse("articles:list"))

    assert draft.title not in json.dumps(jsonld_blocks(response))


def test_json_ld_cannot_break_out_of_its_script_tag(client, make_article):
    hostile = make_article("Title </script><script>alert(1)</script> & more", slug="hostile")

    response = client.get(hostile.get_absolute_url())
    content = response.content.decode()

    assert "</script><script>alert(1)" not in content
    assert "\\u003c/script\\u003e" in content
    assert graph_by_type(response)["MedicalWebPage"]["headline"] == hostile.title


def test_script_json_escapes_angle_brackets_and_ampersands():
    assert str(to_script_json({"a": "<b>&"})) == '{"a":"\\u003cb\\u003e\\u0026"}'


def test_robots_txt_names_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()

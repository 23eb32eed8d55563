import pytest
from django.db import connection

from articles.models import Article
from articles.search import search_articles, search_terms, snippet_parts

pytestmark = pytest.mark.django_db


def test_search_terms_are_distinct_lower_case_words_and_limited_in_number():
    assert search_terms("Stem  stem CELLS, 'GMFCS'!") == ["stem", "cells", "gmfcs"]
    assert len(search_terms(" ".join(f"w{n}" for n in range(20)))) == 8
    assert search_terms("  ?! ") == []


def test_an_empty_query_finds_nothing(article):
    assert list(search_articles("")) == []


def test_search_never_returns_drafts_or_scheduled_articles(make_article, draft, scheduled):
    published = make_article("Therapy overview")

    assert list(search_articles("therapy")) == [published]
    assert draft not in search_articles("draft") and scheduled not in search_articles("scheduled")


def test_a_title_match_outranks_a_newer_body_match(make_article, yesterday, now):
    older_title = make_article("Seizures and cerebral palsy", published_at=yesterday)
    newer_body = make_article("Another topic", body="Some children also have seizures.", published_at=now)

    assert list(search_articles("seizures")) == [older_title, newer_body]


def test_the_snippet_is_a_passage_around_the_first_match_with_the_matches_marked():
    article = Article(summary="Summary.", body="filler " * 60 + "the *GMFCS* levels" + " more" * 60)
    article.render_body(references=[])

    parts = snippet_parts(article, ["gmfcs"])

    assert ("GMFCS", True) in parts
    assert parts[0] == ("… ", False) and parts[-1] == (" …", False)
    assert sum(len(text) for text, _ in parts) < 260
    assert not any("<" in text for text, _ in parts)


def test_the_snippet_falls_back_to_the_summary_when_only_the_title_matches():
    article = Article(summary="A plain summary.", body="Nothing relevant.")
    article.render_body(references=[])

    assert snippet_parts(article, ["zebra"]) == [("A plain summary.", False)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only")
def test_on_postgresql_search_uses_weighted_full_text_ranking_with_stemming(make_article):
    article = make_article("Walking aids", body="Children who walk with a walker.")

    results = list(search_articles("walkers"))

    assert results == [article]
    assert isinstance(results[0].rank, float)

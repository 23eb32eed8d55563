"""PostgreSQL-only behaviour, checked in the second CI run (DATABASE_URL pointing at PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Person, Topic
from articles.search import search_articles

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only (second CI run)")


@pytest.fixture
def articles(db):
    topic = Topic.objects.create(name="Care", slug="care")
    author = Person.objects.create(name="Placeholder Author", slug="placeholder-author")
    published = {"topic": topic, "author": author, "status": Article.Status.PUBLISHED,
                     "published_at": timezone.now() - timezone.timedelta(days=1)}
    return [
        Article.objects.create(title="Therapy options", slug="therapy", summary="s",
                               body="Children with cerebral palsy often see physical therapists.", **published),
        Article.objects.create(title="Birth injuries", slug="injuries", summary="s",
                               body="They can happen when labor is long.", **published),
    ]


@postgres_only
def test_search_uses_postgresql_full_text_search_with_stemming_and_ranking(articles):
    with CaptureQueriesContext(connection) as queries:
        found = list(search_articles("injuries therapist"))
        stemmed = [article.slug for article in search_articles("injury")]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "to_tsvector" in sql and "websearch_to_tsquery" in sql and "ts_rank" in sql
    assert found == []  # every word must match
    assert stemmed == ["injuries"]  # "injury" finds the title "Birth injuries" through the English stemmer
    assert [a.slug for a in search_articles("physical therapist")] == ["therapy"]


@postgres_only
def test_the_test_run_really_is_on_postgresql():
    assert connection.settings_dict["ENGINE"] == "django.db.backends.postgresql"

"""Writes to articles that go beyond a plain form save."""

from django.db import transaction
from django.utils import timezone

from .models import Article


@transaction.atomic
def article_publish(*, articles) -> int:
    """Publish the given articles now; a scheduled (future) publication date is kept."""
    count = 0
    for article in articles:
        article.status = Article.Status.PUBLISHED
        if article.published_at is None:
            article.published_at = timezone.now()
        # save() (not update()) so that the page cache sees the change.
        article.save(update_fields=["status", "published_at", "modified_at"])
        count += 1
    return count


@transaction.atomic
def article_unpublish(*, articles) -> int:
    """Turn the given articles back into drafts (they disappear from every public page)."""
    count = 0
    for article in articles:
        article.status = Article.Status.DRAFT
        article.save(update_fields=["status", "modified_at"])
        count += 1
    return count


@transaction.atomic
def article_rerender(*, article) -> Article:
    """Render the body again against the saved references (after references changed)."""
    article.render_body()
    article.save(update_fields=[*Article.RENDERED_FIELDS, "modified_at"])
    return article

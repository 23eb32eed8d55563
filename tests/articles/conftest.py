import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import Article, Person, Reference, Topic


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def yesterday(now):
    return now - datetime.timedelta(days=1)


@pytest.fixture
def tomorrow(now):
    return now + datetime.timedelta(days=1)


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Diagnosis", slug="diagnosis", description="How cerebral palsy is diagnosed.")


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(name="Therapies", slug="therapies")


@pytest.fixture
def author(db):
    return Person.objects.create(name="Placeholder Writer", slug="placeholder-writer", credentials="MA")


@pytest.fixture
def reviewer(db):
    return Person.objects.create(
        name="Placeholder Reviewer", slug="placeholder-reviewer", credentials="MD", job_title="Pediatric neurologist"
    )


@pytest.fixture
def make_article(db, topic, author, reviewer, yesterday):
    """Create an article (published yesterday unless told otherwise) with optional references.

    ``references`` is a list of dicts of Reference fields (``key`` required); the body is
    rendered against them after they are saved, as the admin does.
    """

    def make(title="Early signs of cerebral palsy", *, slug=None, body="Plain text.", references=(), **fields):
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", yesterday)
        fields.setdefault("topic", topic)
        fields.setdefault("author", author)
        fields.setdefault("medical_reviewer", reviewer)
        fields.setdefault("summary", f"Summary of {title.lower()}.")
        article = Article.objects.create(title=title, slug=slug or title.lower().replace(" ", "-"), body=body, **fields)
        for position, data in enumerate(references):
            data = {"authors": "Doe J, Roe R", "year": 2020, "title": f"Study {position}", "container": "A Journal",
                    "position": position, **data}
            Reference.objects.create(article=article, **data)
        if references:
            article.render_body()
            article.save()
        return article

    return make


@pytest.fixture
def article(make_article):
    return make_article(
        body="## What to look for\n\nSome babies show signs early [@first].\n\n## When to ask\n\nAsk your doctor [@second; @first].",
        references=[
            {"key": "first", "doi": "10.1000/xyz123", "evidence_type": Reference.EvidenceType.CASE_SERIES},
            {"key": "second", "url": "https://example.org/guide", "evidence_type": Reference.EvidenceType.GUIDELINE},
            {"key": "uncited", "title": "Background reading"},
        ],
        reviewed_on=datetime.date(2024, 3, 1),
        updated_on=datetime.date(2024, 5, 2),
    )


@pytest.fixture
def draft(make_article):
    return make_article("A draft about therapies", slug="draft-article", status=Article.Status.DRAFT, published_at=None)


@pytest.fixture
def scheduled(make_article, tomorrow):
    return make_article("A scheduled article", slug="scheduled-article", published_at=tomorrow)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.com", "a-long-test-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client

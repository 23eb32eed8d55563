from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Person, Topic
from intake.forms import sign_started_at
from intake.models import CaseReview


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def article(db):
    topic = Topic.objects.create(name="Causes", slug="causes")
    author = Person.objects.create(name="Placeholder Author", slug="placeholder-author")
    return Article.objects.create(
        title="What causes cerebral palsy",
        slug="what-causes-cp",
        summary="A short summary.",
        body="Body text.",
        topic=topic,
        author=author,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def form_data():
    """A valid submission of the public form."""
    return {
        "full_name": "Jane Example",
        "phone": "(312) 555-0123",
        "email": "jane@example.com",
        "preferred_contact": "phone",
        "best_time": "morning",
        "relationship": "parent",
        "child_date_of_birth": "2024-03-14",
        "birth_state": "IL",
        "facility_name": "General Hospital",
        "facility_type": "private",
        "diagnosis": "cerebral_palsy",
        "resuscitation": "yes",
        "nicu_stay": "yes",
        "cooling_therapy": "not_sure",
        "seizures": "no",
        "consulted_other_lawyer": "no",
        "description": "The delivery took many hours.",
        "consent": "on",
        "website": "",
        "started": sign_started_at(),
        "source_article": "",
    }


@pytest.fixture
def make_review(db):
    def make(**fields):
        values = {
            "full_name": "Sam Person",
            "phone": "+13125550100",
            "email": "",
            "consent_given": True,
            "consent_text": "I agree.",
            "consent_version": "test",
        }
        values.update(fields)
        return CaseReview.objects.create(**values)

    return make


@pytest.fixture
def intake_user(django_user_model):
    user = django_user_model.objects.create_user("intake", "intake@example.com", "pw-intake-12345", is_staff=True)
    user.groups.add(Group.objects.get(name="Intake staff"))
    return user


@pytest.fixture
def editor_user(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.com", "pw-editor-12345", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def exporter_user(intake_user):
    from django.contrib.auth.models import Permission

    intake_user.user_permissions.add(Permission.objects.get(codename="export_casereview"))
    return intake_user


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user("reader", "reader@example.com", "pw-reader-12345")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-12345")


@pytest.fixture
def child_born():
    def born(months_ago):
        today = timezone.localdate()
        year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
        return date(year, month + 1, min(today.day, 28))

    return born

"""Who gets what: every admin and public URL walked as five kinds of visitor, against an explicit matrix."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Person, Topic
from cerebral_info.models import FirmDetails
from intake.models import CaseReview, IntakeSettings, StateReviewDeadline

ROLES = ("anonymous", "member", "editor", "intake", "intake_exporter")
STAFF_ROLES = ("editor", "intake", "intake_exporter")
ALL = {"view", "add", "change", "delete"}

# What each staff role may do per model (from the groups the intake migration creates, plus export).
PERMISSIONS = {
    "editor": {
        "articles.topic": ALL,
        "articles.person": ALL,
        "articles.article": ALL,
        "cerebral_info.firmdetails": {"view"},
    },
    "intake": {
        "intake.casereview": {"view", "change"},
        "intake.statereviewdeadline": {"view"},
        "intake.intakesettings": {"view"},
    },
}
PERMISSIONS["intake_exporter"] = PERMISSIONS["intake"]

# Every model in the admin must be listed here: a new one forces a decision about who may see it.
REGISTERED_MODELS = {
    "auth.user", "auth.group", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
    "cerebral_info.firmdetails", "articles.topic", "articles.person", "articles.article",
    "intake.casereview", "intake.statereviewdeadline", "intake.intakesettings",
}
STANDARD_VIEWS = {"changelist", "add", "change", "history", "delete"}
# Extra admin views, with the status each role gets (anonymous and member are always sent to the login page).
EXTRA_VIEWS = {
    "intake_casereview_export": {"editor": 403, "intake": 403, "intake_exporter": 200},
    "intake_casereview_report": {"editor": 403, "intake": 200, "intake_exporter": 200},
    "intake_casereview_simple_history": {"editor": 403, "intake": 200, "intake_exporter": 200},
    "auth_user_password_change": {"editor": 403, "intake": 403, "intake_exporter": 403},
}
APP_INDEXES = {
    "articles": {"editor": 200, "intake": 404, "intake_exporter": 404},
    "cerebral_info": {"editor": 200, "intake": 404, "intake_exporter": 404},
    "intake": {"editor": 404, "intake": 200, "intake_exporter": 200},
    "auth": {"editor": 404, "intake": 404, "intake_exporter": 404},
    "axes": {"editor": 404, "intake": 404, "intake_exporter": 404},
}


def expected_standard(role, label, view):
    if role not in STAFF_ROLES:
        return 302
    allowed = PERMISSIONS[role].get(label, set())
    needed = {"changelist": {"view", "change"}, "change": {"view", "change"}, "history": {"view", "change"},
              "add": {"add"}, "delete": {"delete"}}[view]
    return 200 if allowed & needed else 403


@pytest.fixture
def world(db):
    User = get_user_model()
    topic = Topic.objects.create(name="Diagnosis", slug="diagnosis")
    person = Person.objects.create(name="Placeholder Author", slug="placeholder-author")
    yesterday = timezone.now() - timezone.timedelta(days=1)
    published = Article.objects.create(
        title="Published", slug="published", summary="s", body="Text.", topic=topic, author=person,
        status=Article.Status.PUBLISHED, published_at=yesterday,
    )
    draft = Article.objects.create(title="Draft", slug="draft", summary="s", body="Text.", topic=topic, author=person)
    review = CaseReview.objects.create(full_name="Walk Test", phone="+13125550123", consent_given=True)
    review.full_name = "Walk Test (edited)"
    review.save()
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    axes_kwargs = {"user_agent": "ua", "ip_address": "203.0.113.1", "username": "x", "http_accept": "*/*", "path_info": "/"}
    users = {
        "member": User.objects.create_user("member", password="a-long-unusual-passphrase-1"),
        "editor": User.objects.create_user("editor", password="a-long-unusual-passphrase-2", is_staff=True),
        "intake": User.objects.create_user("intake", password="a-long-unusual-passphrase-3", is_staff=True),
        "intake_exporter": User.objects.create_user("exporter", password="a-long-unusual-passphrase-4", is_staff=True),
    }
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["intake"].groups.add(Group.objects.get(name="Intake staff"))
    users["intake_exporter"].groups.add(Group.objects.get(name="Intake staff"))
    users["intake_exporter"].user_permissions.add(Permission.objects.get(codename="export_casereview"))
    objects = {
        "auth.user": users["member"],
        "auth.group": Group.objects.get(name="Editors"),
        "axes.accessattempt": AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="", **axes_kwargs),
        "axes.accesslog": AccessLog.objects.create(**axes_kwargs),
        "axes.accessfailurelog": AccessFailureLog.objects.create(locked_out=False, **axes_kwargs),
        "cerebral_info.firmdetails": FirmDetails.load(),
        "articles.topic": topic,
        "articles.person": person,
        "articles.article": published,
        "intake.casereview": review,
        "intake.statereviewdeadline": StateReviewDeadline.objects.create(state="IL", review_by_age_months=30),
        "intake.intakesettings": IntakeSettings.load(),
    }
    return {"users": users, "objects": objects, "published": published, "draft": draft, "review": review}


def client_for(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def assert_status(response, expected, url, role):
    assert response.status_code == expected, (role, url, response.status_code)
    if expected == 302:
        assert response["Location"].startswith(reverse("admin:login")), (role, url, response["Location"])


def test_every_model_in_the_admin_is_in_the_permission_matrix(db):
    assert {model._meta.label_lower for model in admin.site._registry} == REGISTERED_MODELS
    extra = set()
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            if pattern.name and pattern.name.removeprefix(prefix) not in STANDARD_VIEWS:
                extra.add(pattern.name)
    assert extra == set(EXTRA_VIEWS)


@pytest.mark.parametrize("role", ROLES)
def test_admin_model_views_follow_the_matrix(world, role):
    client = client_for(world, role)
    for model in admin.site._registry:
        label = model._meta.label_lower
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = world["objects"][label]
        urls = {
            "changelist": reverse(f"{name}_changelist"),
            "change": reverse(f"{name}_change", args=[obj.pk]),
            "history": reverse(f"{name}_history", args=[obj.pk]),
            "delete": reverse(f"{name}_delete", args=[obj.pk]),
        }
        for view, url in urls.items():
            assert_status(client.get(url), expected_standard(role, label, view), url, role)
        add_url = reverse(f"{name}_add")
        assert_status(client.get(add_url), expected_standard(role, label, "add"), add_url, role)


@pytest.mark.parametrize("role", ROLES)
def test_admin_extra_views_index_and_app_pages_follow_the_matrix(world, role):
    client = client_for(world, role)
    review = world["review"]
    history_id = review.history.order_by("history_id").first().history_id
    urls = {
        "intake_casereview_export": reverse("admin:intake_casereview_export"),
        "intake_casereview_report": reverse("admin:intake_casereview_report"),
        "intake_casereview_simple_history": reverse(
            "admin:intake_casereview_simple_history", args=[review.pk, history_id]
        ),
        "auth_user_password_change": reverse("admin:auth_user_password_change", args=[world["users"]["member"].pk]),
    }
    for name, url in urls.items():
        assert_status(client.get(url), EXTRA_VIEWS[name].get(role, 302), url, role)
    for app_label, statuses in APP_INDEXES.items():
        url = reverse("admin:app_list", args=[app_label])
        assert_status(client.get(url), statuses.get(role, 302), url, role)
    for url in (reverse("admin:index"), reverse("admin:password_change"), reverse("admin:jsi18n")):
        assert_status(client.get(url), 200 if role in STAFF_ROLES else 302, url, role)
    login = client.get(reverse("admin:login"))
    assert login.status_code == (302 if role in STAFF_ROLES else 200), role


@pytest.mark.parametrize("role", ("intake", "editor"))
def test_staff_without_the_export_permission_cannot_export_through_the_list_action(world, role):
    client = client_for(world, role)
    response = client.post(
        reverse("admin:intake_casereview_changelist"),
        {"action": "export_selected_csv", "_selected_action": [world["review"].pk]},
    )
    assert response.status_code in (200, 302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")


def test_the_export_with_permission_is_a_csv_of_the_requests(world):
    response = client_for(world, "intake_exporter").get(reverse("admin:intake_casereview_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert "Walk Test (edited)" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_follow_the_matrix(world, role):
    client = client_for(world, role)
    published, draft = world["published"], world["draft"]
    expected = {
        reverse("articles:home"): 200,
        reverse("articles:list"): 200,
        published.get_absolute_url(): 200,
        draft.get_absolute_url(): 200 if role == "editor" else 404,  # staff preview needs the article permission
        published.topic.get_absolute_url(): 200,
        reverse("articles:search") + "?q=text": 200,
        reverse("articles:feed"): 200,
        reverse("sitemap"): 200,
        reverse("robots_txt"): 200,
        reverse("about"): 200,
        reverse("privacy"): 200,
        reverse("disclaimer"): 200,
        reverse("intake:case_review"): 200,
        reverse("intake:thanks"): 200,
        reverse("healthz"): 200,
        "/no-such-page/": 404,
    }
    for url, status in expected.items():
        response = client.get(url)
        assert response.status_code == status, (role, url, response.status_code)
        if url == reverse("intake:thanks"):
            assert "Walk Test" not in response.content.decode()  # no one else's request, ever

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article, Person, Reference, Topic
from cerebral_info.models import FirmDetails


# Small views for rules that do not depend on any template; used with @pytest.mark.urls(__name__).
def staff_aware_view(request):
    extra = '<a href="/admin/">Staff tools</a>' if request.user.is_staff else ""
    return HttpResponse(f"<p>Public page</p>{extra}")


def form_view(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def cookie_view(request):
    response = HttpResponse("<p>Hello</p>")
    response.set_cookie("seen", "1")
    return response


def private_view(request):
    response = HttpResponse("<p>Yours</p>")
    response["Cache-Control"] = "private"
    return response


urlpatterns = [
    path("staff-aware/", staff_aware_view),
    path("form/", form_view),
    path("cookie/", cookie_view),
    path("private/", private_view),
    path("", include("cerebral_info.urls")),
]


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user("editor", password="x" * 16, is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def article(db):
    topic = Topic.objects.create(name="Diagnosis", slug="diagnosis")
    author = Person.objects.create(name="Placeholder Writer", slug="placeholder-writer", credentials="MA")
    article = Article.objects.create(
        title="Early signs of cerebral palsy",
        slug="early-signs",
        summary="What parents notice first.",
        body="Plain text about early signs.",
        topic=topic,
        author=author,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    Reference.objects.create(
        article=article, key="doe2020", authors="Doe J", year=2020, title="A cohort of infants", container="A Journal"
    )
    return article


def cached_twice(client, url):
    first = client.get(url)
    second = client.get(url)
    return first, second


# --------------------------------------------------------------------------- what is cached


def test_anonymous_page_is_stored_then_served_from_the_cache_with_public_caching_headers(client, db, settings):
    first, second = cached_twice(client, reverse("about"))
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == f"public, max-age={settings.PUBLIC_MAX_AGE}"
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"].startswith("text/html")


def test_a_cache_hit_reads_only_the_content_generation_and_renders_no_template(
    client, db, django_assert_num_queries
):
    client.get(reverse("about"))
    with django_assert_num_queries(1):
        response = client.get(reverse("about"))
    assert response["X-Page-Cache"] == "hit"
    assert response.templates == []


def test_head_request_is_answered_without_a_body_and_from_the_cache(client, db):
    first = client.head(reverse("about"))
    second = client.head(reverse("about"))
    assert first.status_code == second.status_code == 200
    assert second.content == b""
    assert second["X-Page-Cache"] == "hit"
    assert second["ETag"]
    assert client.get(reverse("about"))["ETag"] == second["ETag"]


def test_turning_the_page_cache_off_keeps_http_caching_but_stores_nothing(client, db, settings):
    settings.PAGE_CACHE_ENABLED = False
    first, second = cached_twice(client, reverse("about"))
    assert not second.has_header("X-Page-Cache")
    assert second["Cache-Control"] == f"public, max-age={settings.PUBLIC_MAX_AGE}"
    assert second["ETag"] == first["ETag"]


def test_not_found_pages_are_not_stored_and_not_shared(client, db):
    _first, second = cached_twice(client, "/no-such-page/")
    assert second.status_code == 404
    assert not second.has_header("X-Page-Cache")
    assert "private" in second["Cache-Control"]


# --------------------------------------------------------------------------- 304 Not Modified


def test_revisit_with_the_etag_gets_a_304_from_the_cache(client, db):
    etag = client.get(reverse("about"))["ETag"]
    response = client.get(reverse("about"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public")


def test_revisit_with_the_etag_gets_a_304_on_a_miss_and_with_the_page_cache_off(client, db, settings):
    etag = client.get(reverse("about"))["ETag"]
    client.get(reverse("privacy"))  # a different page: the about page is still stored
    from django.core.cache import cache

    cache.clear()
    assert client.get(reverse("about"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    settings.PAGE_CACHE_ENABLED = False
    assert client.get(reverse("about"), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_stale_etag_gets_the_full_page(client, db):
    client.get(reverse("about"))
    response = client.get(reverse("about"), HTTP_IF_NONE_MATCH='"not-the-current-version"')
    assert response.status_code == 200
    assert response.content


def test_article_revisit_with_if_modified_since_gets_a_304_from_the_cache(client, article):
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200
    assert first.has_header("Last-Modified")
    response = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 304
    assert response["X-Page-Cache"] == "hit"
    older = http_date(article.modified_at.timestamp() - 3600)
    assert client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_article_etag_changes_when_the_firm_details_change(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    firm = FirmDetails.load()
    firm.phone = "(844) 555-0177"
    firm.save()
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "(844) 555-0177" in response.content.decode()


# --------------------------------------------------------------------------- invalidation on edit



def test_editing_an_article_shows_on_the_next_request(client, article):
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    article.title = "Early signs of CP in babies"
    article.save()
    html = client.get(url).content.decode()
    assert "Early signs of CP in babies" in html


def test_editing_a_reference_shows_on_the_next_request(client, article):
    url = article.get_absolute_url()
    assert "A cohort of infants" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    reference = article.references.get()
    reference.title = "A larger cohort of infants"
    reference.save()
    assert "A larger cohort of infants" in client.get(url).content.decode()


def test_deleting_a_reference_shows_on_the_next_request(client, article):
    url = article.get_absolute_url()
    client.get(url)
    article.references.get().delete()
    assert "A cohort of infants" not in client.get(url).content.decode()


def test_renaming_a_topic_shows_on_the_article_and_the_home_page(client, article):
    for url in (article.get_absolute_url(), reverse("articles:home")):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    topic = article.topic
    topic.name = "Getting a diagnosis"
    topic.save()
    for url in (article.get_absolute_url(), reverse("articles:home")):
        assert "Getting a diagnosis" in client.get(url).content.decode()


def test_editing_a_person_shows_on_the_next_request(client, article):
    url = article.get_absolute_url()
    assert "Placeholder Writer" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    author = article.author
    author.name = "Placeholder Editor"
    author.save()
    assert "Placeholder Editor" in client.get(url).content.decode()


def test_editing_the_firm_details_shows_on_every_cached_page(client, article):
    urls = (reverse("about"), article.get_absolute_url(), reverse("articles:list"))
    for url in urls:
        client.get(url)
    firm = FirmDetails.load()
    firm.phone = "(844) 555-0123"
    firm.save()
    for url in urls:
        assert "(844) 555-0123" in client.get(url).content.decode()


def test_unpublishing_an_article_removes_it_on_the_next_request(client, article):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(url).status_code == 404
    assert article.title not in client.get(reverse("articles:list")).content.decode()


# --------------------------------------------------------------------------- staff and per-visitor content


@pytest.mark.urls(__name__)
def test_staff_see_their_own_version_and_anonymous_readers_never_get_it(client, staff_client, db):
    from django.test import Client

    anonymous = Client()
    anonymous.get("/staff-aware/")
    assert anonymous.get("/staff-aware/")["X-Page-Cache"] == "hit"

    staff = staff_client.get("/staff-aware/")
    assert "Staff tools" in staff.content.decode()
    assert not staff.has_header("X-Page-Cache")
    assert "private" in staff["Cache-Control"]

    from django.core.cache import cache

    cache.clear()
    staff_client.get("/staff-aware/")  # staff first: nothing must be stored for the next visitor
    response = anonymous.get("/staff-aware/")
    assert response["X-Page-Cache"] == "miss"
    assert "Staff tools" not in response.content.decode()


def test_staff_get_article_pages_fresh_and_private_and_see_draft_previews(staff_client, article):
    url = article.get_absolute_url()
    for _ in range(2):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert not response.has_header("X-Page-Cache")
        assert "private" in response["Cache-Control"]
    article.status = Article.Status.DRAFT
    article.save()
    preview = staff_client.get(url)
    assert "preview-banner" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]


def test_anonymous_reader_with_a_session_cookie_still_gets_cached_pages(client, db):
    session = client.session
    session["attribution"] = {"landing_page": "/"}
    session.save()
    client.get(reverse("about"))
    assert client.get(reverse("about"))["X-Page-Cache"] == "hit"


@pytest.mark.urls(__name__)
def test_a_page_with_a_csrf_token_is_never_stored(client, db):
    _first, second = cached_twice(client, "/form/")
    assert "csrfmiddlewaretoken" in second.content.decode()
    assert not second.has_header("X-Page-Cache")
    assert "private" in second["Cache-Control"]


@pytest.mark.urls(__name__)
def test_a_response_that_sets_a_cookie_is_never_stored(client, db):
    _first, second = cached_twice(client, "/cookie/")
    assert not second.has_header("X-Page-Cache")
    assert second.cookies["seen"].value == "1"


@pytest.mark.urls(__name__)
def test_a_view_that_marks_its_response_private_is_never_stored(client, db):
    _first, second = cached_twice(client, "/private/")
    assert not second.has_header("X-Page-Cache")
    assert second["Cache-Control"] == "private"


def test_case_review_form_is_never_cached_and_each_visitor_gets_a_token(db, client):
    from django.test import Client

    other = Client()
    responses = [client.get(reverse("intake:case_review")), other.get(reverse("intake:case_review"))]
    for response in responses:
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert not response.has_header("X-Page-Cache")
        assert "no-store" in response["Cache-Control"]
        assert "csrftoken" in response.cookies
    assert responses[0].cookies["csrftoken"].value != responses[1].cookies["csrftoken"].value
    assert not client.get(reverse("intake:thanks")).has_header("X-Page-Cache")


def test_no_page_served_from_the_cache_contains_a_csrf_token_or_staff_markup(client, staff_client, db):
    call_command("load_demo_content", stdout=StringIO())
    from django.test import Client

    anonymous = Client()
    urls = [reverse("articles:home"), reverse("articles:list"), reverse("about"), "/search/?q=cerebral"]
    urls += [article.get_absolute_url() for article in Article.objects.published()[:3]]
    for url in urls:
        staff_client.get(url)  # staff visit first
        anonymous.get(url)
        response = anonymous.get(url)
        assert response["X-Page-Cache"] == "hit", url
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert "preview-banner" not in html
        assert "/admin/" not in html


# --------------------------------------------------------------------------- static files


def test_hashed_static_files_are_served_with_a_year_long_immutable_cache_control(tmp_path, settings, rf):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DEBUG = False
    call_command("collectstatic", "--noinput", "--ignore", "admin", verbosity=0)

    hashed_url = staticfiles_storage.url("css/site.css")
    assert hashed_url != "/static/css/site.css"
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    response = middleware(rf.get(hashed_url, HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600
    assert response["Content-Encoding"] == "gzip"

    unhashed = middleware(rf.get("/static/css/site.css"))
    assert "immutable" not in unhashed["Cache-Control"]


def test_production_settings_store_static_files_hashed_and_compressed():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    env = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "example.com", "DJANGO_SETTINGS_MODULE": "cerebral_info.settings"}
    import os

    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}, **env},
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"

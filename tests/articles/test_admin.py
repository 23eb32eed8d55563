import pytest
from django.urls import reverse

from articles.models import Article, Reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client, admin_user):
    client.force_login(admin_user)
    return client


def article_post_data(article_fields, references=(), *, initial_references=0):
    data = {
        "title": "Signs of CP",
        "slug": "signs-of-cp",
        "summary": "A short summary.",
        "body": "Text",
        "status": "draft",
        "references-TOTAL_FORMS": str(len(references)),
        "references-INITIAL_FORMS": str(initial_references),
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        **article_fields,
    }
    for index, reference in enumerate(references):
        for name, value in reference.items():
            data[f"references-{index}-{name}"] = value
    return data


def reference_data(key, **extra):
    return {
        "key": key, "position": "0", "authors": "Doe J", "year": "2020", "title": "A study", "container": "A Journal",
        "evidence_type": "case_series", **extra,
    }


@pytest.mark.parametrize("url_name", ["admin:articles_article_changelist", "admin:articles_article_add",
                                      "admin:articles_topic_changelist", "admin:articles_person_changelist",
                                      "admin:articles_person_add", "admin:articles_topic_add"])
def test_admin_pages_render_for_a_superuser(admin_client_logged_in, article, url_name):
    assert admin_client_logged_in.get(reverse(url_name)).status_code == 200


def test_the_article_changelist_filters_by_status_and_searches(admin_client_logged_in, article, draft):
    url = reverse("admin:articles_article_changelist")

    drafts = admin_client_logged_in.get(url, {"status__exact": "draft"}).context["cl"].result_list
    found = admin_client_logged_in.get(url, {"q": "early signs"}).context["cl"].result_list

    assert list(drafts) == [draft]
    assert list(found) == [article]


def test_the_change_page_renders_with_inline_references_and_view_on_site(admin_client_logged_in, article):
    response = admin_client_logged_in.get(reverse("admin:articles_article_change", args=[article.pk]))
    content = response.content.decode()

    assert response.status_code == 200
    assert 'name="references-0-key"' in content
    assert "View on site" in content
    assert response.context["inline_admin_formsets"][0].formset.queryset.ordered


def test_saving_with_inline_references_renders_citations_against_them(admin_client_logged_in, topic, author):
    data = article_post_data(
        {"topic": topic.pk, "author": author.pk, "body": "## Signs\n\nSee [@new2020] and [@doi2019]."},
        [reference_data("new2020"), reference_data("doi2019", doi="https://doi.org/10.1000/abc", position="1")],
    )

    response = admin_client_logged_in.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article = Article.objects.get(slug="signs-of-cp")
    assert 'href="#ref-1"' in article.body_html and 'href="#ref-2"' in article.body_html
    assert article.citations == [{"key": "new2020", "count": 1}, {"key": "doi2019", "count": 1}]
    assert Reference.objects.get(key="doi2019").doi == "10.1000/abc"


def test_an_unknown_marker_is_shown_on_the_body_field_and_nothing_is_saved(admin_client_logged_in, topic, author):
    body = "See [@known] and [@typo2020]."
    data = article_post_data({"topic": topic.pk, "author": author.pk, "body": body}, [reference_data("known")])

    response = admin_client_logged_in.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "[@typo2020]" in form.errors["body"][0]
    assert "[@known]" not in form.errors["body"][0]
    assert not Article.objects.exists()
    content = response.content.decode()
    assert body in content  # what the editor typed is kept
    assert 'value="known"' in content


def test_deleting_a_cited_reference_in_the_inline_is_refused(admin_client_logged_in, article):
    refs = list(article.references.all())
    data = article_post_data(
        {"title": article.title, "slug": article.slug, "summary": article.summary, "body": article.body,
         "status": "published", "published_at_0": "2024-01-01", "published_at_1": "10:00:00",
         "topic": article.topic_id, "author": article.author_id},
        [{**reference_data(ref.key), "id": str(ref.pk), "article": str(article.pk),
          **({"DELETE": "on"} if ref.key == "second" else {})} for ref in refs],
        initial_references=len(refs),
    )

    response = admin_client_logged_in.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert "[@second]" in response.context["adminform"].form.errors["body"][0]
    assert article.references.filter(key="second").exists()


def test_editing_only_a_reference_inline_re_renders_the_article(admin_client_logged_in, make_article):
    article = make_article("Re-render me", body="Cites [@a].", references=[{"key": "a"}])
    ref = article.references.get()
    data = article_post_data(
        {"title": article.title, "slug": article.slug, "summary": article.summary,
         "body": "Cites [@a] and [@b].", "status": "draft", "topic": article.topic_id, "author": article.author_id},
        [{**reference_data("a"), "id": str(ref.pk), "article": str(article.pk)}, reference_data("b", position="1")],
        initial_references=1,
    )

    response = admin_client_logged_in.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert 'id="cite-2-1"' in article.body_html


def test_a_malformed_doi_in_the_inline_is_refused_with_a_clear_message(admin_client_logged_in, topic, author):
    data = article_post_data(
        {"topic": topic.pk, "author": author.pk, "body": "See [@bad]."}, [reference_data("bad", doi="doi.org/banana")]
    )

    response = admin_client_logged_in.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "Enter a DOI such as" in formset.forms[0].errors["doi"][0]
    assert not Article.objects.exists()


def test_publish_and_unpublish_actions(admin_client_logged_in, draft, article):
    url = reverse("admin:articles_article_changelist")

    admin_client_logged_in.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.published_at is not None
    assert draft in Article.objects.published()

    admin_client_logged_in.post(url, {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article not in Article.objects.published()


def test_publishing_keeps_a_scheduled_date(admin_client_logged_in, scheduled, tomorrow):
    scheduled.status = Article.Status.DRAFT
    scheduled.save()

    admin_client_logged_in.post(
        reverse("admin:articles_article_changelist"), {"action": "publish", "_selected_action": [scheduled.pk]}
    )

    scheduled.refresh_from_db()
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled.published_at == tomorrow
    assert scheduled not in Article.objects.published()


def test_the_change_page_shows_the_rendered_fields_read_only(admin_client_logged_in, article):
    response = admin_client_logged_in.get(reverse("admin:articles_article_change", args=[article.pk]))

    form = response.context["adminform"].form
    assert "body_html" not in form.fields and "reading_time" not in form.fields
    assert "<li>H2 What to look for</li>" in response.content.decode()

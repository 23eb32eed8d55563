import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Reference, normalize_doi


@pytest.mark.django_db
def test_render_body_sets_html_toc_reading_time_and_citations_without_saving(make_article):
    article = make_article(body="Plain.")
    article.body = "## Signs\n\nA sign [@smith2020]."
    article.render_body(references=[Reference(key="smith2020")])

    assert 'href="#ref-1"' in article.body_html
    assert article.toc == [{"id": "signs", "title": "Signs", "level": 2}]
    assert article.reading_time == 1
    assert article.citations == [{"key": "smith2020", "count": 1}]
    assert Article.objects.get(pk=article.pk).body_html == "<p>Plain.</p>"


@pytest.mark.django_db
def test_render_body_refuses_a_marker_that_names_no_reference_of_the_article(article):
    article.body += "\n\nAnd [@nobody2021]."

    with pytest.raises(ValidationError) as excinfo:
        article.render_body()

    assert "[@nobody2021]" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_render_body_checks_against_the_saved_references_by_default(article):
    article.render_body()

    assert article.citations == [{"key": "first", "count": 2}, {"key": "second", "count": 1}]


@pytest.mark.django_db
def test_saving_renders_the_body_once_and_keeps_an_explicit_render(make_article):
    article = make_article(body="## Intro\n\nHello")
    assert '<h2 id="intro">Intro</h2>' in article.body_html

    article.body = "Cites [@later]."
    article.render_body(references=[Reference(key="later")])
    article.save()

    assert 'href="#ref-1"' in Article.objects.get(pk=article.pk).body_html


@pytest.mark.django_db
def test_saving_a_changed_body_without_render_body_still_stores_fresh_html(article):
    article.body = "## New heading\n\nNew text."
    article.save(update_fields=["body"])

    stored = Article.objects.get(pk=article.pk)
    assert '<h2 id="new-heading">' in stored.body_html
    assert stored.toc[0]["id"] == "new-heading"


@pytest.mark.django_db
def test_saving_again_renders_against_references_added_since(make_article):
    article = make_article(body="See [@added].")
    assert "[@added]" in article.body_html  # no such reference yet: shown as text, not a broken link

    Reference.objects.create(article=article, key="added", authors="A B", year=2020, title="T", container="J")
    Article.objects.get(pk=article.pk).save()

    assert 'href="#ref-1"' in Article.objects.get(pk=article.pk).body_html


@pytest.mark.django_db
def test_an_explicit_render_is_used_by_the_next_save_only(make_article, monkeypatch):
    article = make_article(body="Plain.")
    article.render_body(references=[])
    calls = []
    monkeypatch.setattr(Article, "render_body", lambda self, *a, **k: calls.append(k))

    article.save()
    article.save()

    assert len(calls) == 1


@pytest.mark.django_db
def test_references_are_numbered_in_citation_order_then_uncited_ones(article):
    entries = article.numbered_references(list(article.references.all()))

    assert [(entry.number, entry.reference.key) for entry in entries] == [(1, "first"), (2, "second"), (3, "uncited")]
    assert entries[0].backlinks == ["cite-1-1", "cite-1-2"]
    assert entries[1].backlinks == ["cite-2-1"]
    assert entries[2].backlinks == []


@pytest.mark.parametrize(
    "pasted",
    ["https://doi.org/10.1000/xyz123", "http://dx.doi.org/10.1000/xyz123", "doi:10.1000/xyz123", " 10.1000/xyz123 "],
)
def test_a_pasted_doi_link_is_normalized_to_the_bare_doi(pasted):
    assert normalize_doi(pasted) == "10.1000/xyz123"


@pytest.mark.django_db
def test_a_reference_saved_with_a_doi_link_stores_the_bare_doi_and_links_to_doi_org(article):
    reference = Reference.objects.create(
        article=article, key="pasted", authors="A B", year=2019, title="T", container="J", doi="https://doi.org/10.1/abc"
    )

    assert reference.doi == "10.1/abc"
    assert reference.doi_url == "https://doi.org/10.1/abc"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["not-a-doi", "11.1000/x", "10.12/x", "https://example.org/10.1000/x"])
def test_a_malformed_doi_is_rejected_with_a_clear_message(article, bad):
    reference = Reference(article=article, key="bad", authors="A B", year=2019, title="T", container="J", doi=bad)

    with pytest.raises(ValidationError) as excinfo:
        reference.full_clean()

    assert "Enter a DOI such as 10.1038/nrdp.2015.82" in excinfo.value.message_dict["doi"][0]


@pytest.mark.django_db
def test_published_excludes_drafts_and_future_articles(article, draft, scheduled):
    assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
def test_last_reviewed_or_updated_is_the_later_date_else_the_publication_date(make_article, yesterday):
    reviewed_later = make_article("A", reviewed_on=datetime.date(2024, 6, 1), updated_on=datetime.date(2024, 1, 1))
    updated_later = make_article("B", reviewed_on=datetime.date(2024, 1, 1), updated_on=datetime.date(2024, 6, 2))
    neither = make_article("C")

    assert reviewed_later.last_reviewed_or_updated == datetime.date(2024, 6, 1)
    assert updated_later.last_reviewed_or_updated == datetime.date(2024, 6, 2)
    assert neither.last_reviewed_or_updated == timezone.localdate(yesterday)


@pytest.mark.django_db
def test_a_hero_image_requires_alt_text(article):
    article.__dict__["hero_image"] = "articles/photo.jpg"  # skip reading the (absent) file's size
    article.hero_alt = " "

    with pytest.raises(ValidationError) as excinfo:
        article.clean()

    assert "hero_alt" in excinfo.value.message_dict


@pytest.mark.django_db
def test_every_model_has_a_readable_name(article):
    reference = article.references.first()

    assert str(article) == article.title
    assert str(article.topic) == "Diagnosis"
    assert str(article.author) == "Placeholder Writer, MA"
    assert str(reference).startswith("Doe J (2020).")

import datetime
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from articles import demo_content
from articles.models import Article, Person, Reference, Topic, doi_validator

MARKER = re.compile(r"\[@([^\]]*)\]")
ALL_REFERENCES = [(article["slug"], ref) for article in demo_content.ARTICLES for ref in article["references"]]


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def row_counts():
    return {model.__name__: model.objects.count() for model in (Topic, Person, Article, Reference)}


class TableCells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


@pytest.mark.django_db
def test_the_command_loads_at_least_six_published_articles_each_with_references():
    output = load()

    published = Article.objects.published()
    assert published.count() >= 6
    assert published.count() == len(demo_content.ARTICLES)
    for article in published:
        assert article.references.exists(), article.slug
    assert f"{len(demo_content.ARTICLES)} articles" in output


@pytest.mark.django_db
def test_articles_are_published_at_nine_in_the_morning_on_their_date():
    load()

    for item in demo_content.ARTICLES:
        article = Article.objects.get(slug=item["slug"])
        local = timezone.localtime(article.published_at)
        assert local.date() == item["published"]
        assert (local.hour, local.minute) == (9, 0)
        assert article.status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_running_the_command_twice_creates_no_duplicates():
    load()
    first = row_counts()
    load()

    assert row_counts() == first
    assert first["Reference"] == len(ALL_REFERENCES)


@pytest.mark.django_db
def test_running_the_command_again_restores_edited_rows_and_removes_stale_references():
    load()
    article = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    Reference.objects.create(
        article=article, key="stale2000", authors="Nobody", year=2000, title="Stale", container="None"
    )
    Article.objects.filter(pk=article.pk).update(title="Edited", status=Article.Status.DRAFT)

    load()

    article.refresh_from_db()
    assert article.title == demo_content.ARTICLES[0]["title"]
    assert article.status == Article.Status.PUBLISHED
    assert not article.references.filter(key="stale2000").exists()
    assert list(article.references.values_list("key", flat=True)) == [
        ref["key"] for ref in demo_content.ARTICLES[0]["references"]
    ]


@pytest.mark.parametrize("item", demo_content.ARTICLES, ids=lambda item: item["slug"])
def test_every_citation_marker_names_a_reference_of_its_article_and_every_reference_is_cited(item):
    keys = [ref["key"] for ref in item["references"]]
    cited = MARKER.findall(item["body"])

    assert cited
    assert len(keys) == len(set(keys))
    assert set(cited) <= set(keys)
    assert set(keys) <= set(cited)
    for key in keys:
        assert re.fullmatch(r"[a-z0-9-]+", key)


@pytest.mark.parametrize("item", demo_content.ARTICLES, ids=lambda item: item["slug"])
def test_references_are_listed_in_the_order_they_are_first_cited(item):
    first_cited = list(dict.fromkeys(MARKER.findall(item["body"])))

    assert [ref["key"] for ref in item["references"]] == first_cited


@pytest.mark.django_db
def test_rendered_articles_contain_no_unresolved_citation_markers():
    load()

    for article in Article.objects.all():
        article.render_body()  # strict: raises ValidationError on an unknown marker
        assert "[@" not in article.body_html, article.slug
        assert article.toc, article.slug


def test_every_doi_in_the_data_has_the_doi_format():
    dois = [ref["doi"] for _, ref in ALL_REFERENCES if ref["doi"]]

    assert dois
    for doi in dois:
        doi_validator(doi)
        assert not doi.startswith(("http", "doi:"))


def test_the_doi_validator_would_catch_a_malformed_doi():
    with pytest.raises(ValidationError):
        doi_validator("doi.org/10.1038")


def test_fields_that_could_not_be_confirmed_are_left_empty():
    library = demo_content.REFERENCE_LIBRARY

    assert library["palisano2008"]["doi"] == ""
    assert library["mclaughlin2002"]["doi"] == ""
    assert library["sun2022"]["doi"] == ""
    assert library["hoare2019"]["issue"] == ""
    assert (library["novak2016"]["volume"], library["novak2016"]["pages"]) == ("", "")


@pytest.mark.django_db
def test_the_gmfcs_article_renders_an_accessible_table_with_header_cells():
    load()

    html = Article.objects.get(slug="gmfcs-levels-explained").body_html
    parser = TableCells()
    parser.feed(html)

    assert "table" in parser.tags
    assert parser.tags.count("th") == 3
    assert parser.tags.count("tr") == 6  # a header row and levels I to V
    for level in ("I", "II", "III", "IV", "V"):
        assert f"<td>{level}</td>" in html


@pytest.mark.django_db
def test_each_article_has_an_author_and_every_person_is_a_labelled_placeholder():
    load()

    for article in Article.objects.select_related("author", "medical_reviewer"):
        assert article.author_id, article.slug
    for person in Person.objects.all():
        assert "placeholder" in person.name.lower()
        assert "placeholder" in person.job_title.lower()
    reviewer = Person.objects.get(slug="medical-reviewer")
    assert "replace" in reviewer.credentials.lower()
    assert "licensed" in reviewer.bio


@pytest.mark.django_db
def test_no_reference_lacks_an_evidence_type():
    load()

    allowed = set(Reference.EvidenceType.values)
    for _, ref in ALL_REFERENCES:
        assert ref["evidence_type"] in allowed
        assert ref["evidence_type"] != Reference.EvidenceType.OTHER
    assert not Reference.objects.filter(evidence_type="").exists()
    assert not Reference.objects.filter(evidence_type=Reference.EvidenceType.OTHER).exists()


@pytest.mark.parametrize("item", demo_content.ARTICLES, ids=lambda item: item["slug"])
def test_each_article_is_600_to_1200_words_with_no_top_level_heading(item):
    words = len(MARKER.sub("", item["body"]).split())

    assert 600 <= words <= 1200
    assert not any(line.startswith("# ") for line in item["body"].splitlines())
    assert "\n## " in item["body"]


@pytest.mark.parametrize("item", demo_content.ARTICLES, ids=lambda item: item["slug"])
def test_each_article_has_valid_seo_fields_and_dates(item):
    earliest, latest = datetime.date(2025, 1, 1), datetime.date(2026, 11, 27)

    assert 0 < len(item["seo_title"]) <= 70
    assert 0 < len(item["meta_description"]) <= 160
    for day in (item["published"], item["reviewed"], item["updated"]):
        if day is not None:
            assert earliest <= day <= latest
    assert item["reviewed"] is None or item["reviewed"] >= item["published"]
    assert item["topic"] in {topic["slug"] for topic in demo_content.TOPICS}
    assert item["author"] in {person["slug"] for person in demo_content.PEOPLE}

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rendering import render_markdown

DOI_URL_PREFIX = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", re.IGNORECASE)

doi_validator = RegexValidator(
    regex=r"^10\.\d{4,9}/\S+$",
    message=_("Enter a DOI such as 10.1038/nrdp.2015.82 (without https://doi.org/)."),
    code="invalid_doi",
)


def normalize_doi(value):
    """A pasted https://doi.org/10.x/y (or doi:10.x/y) becomes the bare DOI 10.x/y."""
    value = (value or "").strip()
    return DOI_URL_PREFIX.sub("", value).strip()


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Topics that have at least one published article, with how many (``article_count``)."""
        now = timezone.now()
        published = models.Q(articles__status=Article.Status.PUBLISHED, articles__published_at__lte=now)
        return (
            self.annotate(article_count=models.Count("articles", filter=published))
            .filter(article_count__gt=0)
            .order_by("position", "name")
        )


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Person(models.Model):
    """An author or medical reviewer shown in article bylines."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    credentials = models.CharField(
        _("credentials"), max_length=120, blank=True, help_text=_("For example: MD, board-certified pediatric neurologist")
    )
    job_title = models.CharField(_("role"), max_length=120, blank=True)
    bio = models.TextField(_("short bio"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The only way public pages, feeds, the sitemap and search get articles."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def with_byline(self):
        return self.select_related("topic", "author", "medical_reviewer")

    def for_cards(self):
        """What a list of article cards shows: no article bodies loaded."""
        return self.select_related("topic").defer("body", "body_html", "body_text", "toc", "citations")

    def related_to(self, article):
        """Other published articles on the same topic, newest first."""
        return self.published().filter(topic_id=article.topic_id).exclude(pk=article.pk).for_cards()

    def visible_to(self, user):
        """Published articles for the public; every article for staff who may edit them (preview)."""
        if user.is_authenticated and user.has_perm("articles.change_article"):
            return self.all()
        return self.published()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=500, help_text=_("One or two plain sentences shown in lists."))
    body = models.TextField(
        _("body (Markdown)"),
        help_text=_("Markdown. Cite a reference of this article with its key, for example [@chahine2016]."),
    )
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    body_text = models.TextField(_("rendered body as plain text"), blank=True, editable=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
    citations = models.JSONField(
        _("citations in order"), default=list, blank=True, editable=False,
        help_text=_("The cited reference keys in order of first citation, with how often each is cited."),
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles", verbose_name=_("topic"))
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="authored_articles", verbose_name=_("author")
    )
    medical_reviewer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="reviewed_articles",
        null=True,
        blank=True,
        verbose_name=_("medical reviewer"),
    )
    reviewed_on = models.DateField(_("medically reviewed on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    updated_on = models.DateField(
        _("content updated on"), null=True, blank=True, help_text=_("The date of the last meaningful change.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    hero_image = models.ImageField(
        _("hero image"), upload_to="articles/", blank=True, width_field="hero_width", height_field="hero_height"
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        _("hero image alt text"), max_length=250, blank=True, help_text=_("Required when there is a hero image.")
    )
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True)
    meta_description = models.CharField(_("meta description"), max_length=160, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    RENDERED_FIELDS = ("body_html", "body_text", "toc", "reading_time", "citations")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": _("Describe the hero image for readers who cannot see it.")})
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()

    def save(self, *args, **kwargs):
        # The body is rendered here, once per save, never per request. A render_body() call
        # made just before save() (for example against references not saved yet) is kept.
        if getattr(self, "_rendered_body_source", None) != self.body:
            self.render_body(strict=False)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = set(update_fields) | set(self.RENDERED_FIELDS)
        super().save(*args, **kwargs)
        self._rendered_body_source = None

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def render_body(self, references=None, *, strict=True):
        """Render ``body`` into body_html, body_text, toc, reading_time and citations (does not save).

        Citation markers are checked against ``references`` (any iterable of
        objects with a ``key``, saved or not; default: this article's saved
        references). An unknown marker raises ValidationError unless
        ``strict`` is false, in which case it stays visible as plain text.
        """
        if references is None:
            references = self.references.all() if self.pk else []
        rendered = render_markdown(self.body, {reference.key for reference in references}, strict=strict)
        self.body_html = rendered.html
        self.body_text = rendered.text
        self.toc = rendered.toc
        self.reading_time = rendered.reading_time
        self.citations = rendered.citations
        self._rendered_body_source = self.body
        return rendered

    @property
    def toc_tree(self):
        """The table of contents with each h3 nested under the h2 before it."""
        tree = []
        for entry in self.toc or []:
            if entry["level"] > 2 and tree:
                tree[-1]["children"].append(entry)
            else:
                tree.append({**entry, "children": []})
        return tree

    @property
    def last_reviewed_or_updated(self):
        """The later of the updated and reviewed dates, else the publication date (sitemap lastmod)."""
        dates = [day for day in (self.updated_on, self.reviewed_on) if day]
        if dates:
            return max(dates)
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def numbered_references(self, references):
        """References in citation order (then uncited ones), each with its number and back-link ids."""
        by_key = {reference.key: reference for reference in references}
        entries = []
        for citation in self.citations or []:
            reference = by_key.pop(citation["key"], None)
            if reference is not None:
                number = len(entries) + 1
                backlinks = [f"cite-{number}-{n}" for n in range(1, citation["count"] + 1)]
                entries.append(NumberedReference(number, reference, backlinks))
        for reference in references:
            if reference.key in by_key:
                entries.append(NumberedReference(len(entries) + 1, reference, []))
        return entries


class NumberedReference:
    def __init__(self, number, reference, backlinks):
        self.number = number
        self.reference = reference
        self.backlinks = backlinks

    def __repr__(self):
        return f"<NumberedReference {self.number} {self.reference.key}>"


class Reference(models.Model):
    """A source cited by an article, in the order the editor lists them."""

    class EvidenceType(models.TextChoices):
        RCT = "rct", _("Randomized controlled trial")
        CONTROLLED_TRIAL = "controlled_trial", _("Controlled clinical trial")
        UNCONTROLLED_TRIAL = "uncontrolled_trial", _("Uncontrolled (single-arm) trial")
        CASE_SERIES = "case_series", _("Case series")
        COHORT = "cohort", _("Cohort or population study")
        SYSTEMATIC_REVIEW = "systematic_review", _("Systematic review or meta-analysis")
        NARRATIVE_REVIEW = "narrative_review", _("Narrative review")
        GUIDELINE = "guideline", _("Guideline or consensus statement")
        CLASSIFICATION = "classification", _("Classification or measurement study")
        OTHER = "other", _("Other source")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    key = models.SlugField(
        _("citation key"), max_length=60, help_text=_("Used in the text as [@key], for example chahine2016.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    authors = models.CharField(_("authors"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=400)
    container = models.CharField(_("journal or publisher"), max_length=200)
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    issue = models.CharField(_("issue"), max_length=20, blank=True)
    pages = models.CharField(_("pages or article number"), max_length=30, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=[doi_validator])
    url = models.URLField(_("URL"), blank=True, max_length=500)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)
    evidence_type = models.CharField(
        _("kind of evidence"), max_length=30, choices=EvidenceType.choices, default=EvidenceType.OTHER
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="unique_reference_key_per_article")]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return f"{self.authors.split(',')[0]} ({self.year}). {self.title}"

    def save(self, *args, **kwargs):
        self.doi = normalize_doi(self.doi)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.doi = normalize_doi(self.doi)
        super().clean_fields(exclude=exclude)

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

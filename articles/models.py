from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

doi_validator = RegexValidator(
    regex=r"^10\.\d{4,9}/\S+$",
    message=_("Enter a DOI such as 10.1038/nrdp.2015.82 (without https://doi.org/)."),
    code="invalid_doi",
)


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
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

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})


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

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

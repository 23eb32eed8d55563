from django.core.cache import cache
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

FIRM_DETAILS_CACHE_KEY = "firm-details:{generation}"


class ContentGeneration(models.Model):
    """A single counter bumped whenever public content changes.

    Cached pages and cached firm details are keyed on it, so an edit by any
    app server is seen by every app server on the next request. It lives in
    the database (not the cache) because the default cache is per process.
    """

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("content generation")

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls):
        # Raw SQL: this runs on every cacheable request and must stay cheap.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {cls._meta.db_table} WHERE id = 1")  # noqa: S608 - a model table name
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def bump(cls):
        updated = cls.objects.filter(pk=1).update(value=models.F("value") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"value": 2})


class FirmDetails(models.Model):
    """The firm's contact details, edited by staff in the admin (one row)."""

    name = models.CharField(_("firm name"), max_length=120, default="Example Birth Injury Law Firm")
    tagline = models.CharField(
        _("tagline"), max_length=200, blank=True, default="Plain-language information about cerebral palsy"
    )
    phone = models.CharField(
        _("phone (as shown)"), max_length=40, default="(555) 010-0000",
        help_text=_("Shown to readers, for example (844) 555-0100."),
    )
    phone_e164 = models.CharField(
        _("phone (for tel: links)"), max_length=20, default="+15550100000",
        help_text=_("International format used in tel: links, for example +18445550100."),
    )
    email = models.EmailField(_("email"), default="help@example.com")
    street_address = models.CharField(_("street address"), max_length=200, default="100 Example Street, Suite 200")
    locality = models.CharField(_("city"), max_length=100, default="Springfield")
    region = models.CharField(_("state"), max_length=50, default="IL")
    postal_code = models.CharField(_("ZIP code"), max_length=20, default="62701")
    hours = models.CharField(
        _("office hours"), max_length=200, default="Phones answered 24 hours a day, 7 days a week"
    )
    sister_site_name = models.CharField(
        _("sister site name"), max_length=120, blank=True, default="CP treatment guide"
    )
    sister_site_url = models.URLField(
        _("sister site URL"), blank=True, default="https://example.org/",
        help_text=_("The firm's sister site with information on treatments."),
    )
    intake_notify_emails = models.TextField(
        _("intake notification addresses"), blank=True,
        help_text=_("One address per line. Empty: the addresses in the server settings are used."),
    )
    callback_promise = models.CharField(
        _("callback promise"), max_length=200,
        default="A member of our intake team will call you within one business day.",
        help_text=_("Shown on the thank-you page and in the acknowledgement email."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("firm details")
        verbose_name_plural = _("firm details")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls, generation=None):
        """The firm details, cached per content generation (no query on a warm cache).

        Pass the generation when the caller already read it for this request.
        """
        if generation is None:
            generation = ContentGeneration.current()
        key = FIRM_DETAILS_CACHE_KEY.format(generation=generation)
        details = cache.get(key)
        if details is None:
            details, _created = cls.objects.get_or_create(pk=1)
            cache.set(key, details, 3600)
        return details

    @property
    def address_line(self):
        return f"{self.street_address}, {self.locality}, {self.region} {self.postal_code}"

    @property
    def notify_email_list(self):
        return [line.strip() for line in self.intake_notify_emails.splitlines() if line.strip()]

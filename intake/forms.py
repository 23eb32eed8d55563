from datetime import date

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .consent import NO_RELATIONSHIP_STATEMENT
from .models import CaseReview, ContactMethod
from .states import US_STATE_CHOICES

PHONE_REGION = "US"
TIMESTAMP_SALT = "intake.form-started"
DESCRIPTION_MAX_LENGTH = 5000
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


def normalize_phone(raw, region=PHONE_REGION, *, strict=True):
    """E.164 form of ``raw``, or None if it is not a valid (``strict``) or possible phone number."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number) or (strict and not phonenumbers.is_valid_number(number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164):
    """A stored E.164 number as people write it (national format for US numbers)."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == PHONE_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def sign_started_at(now=None):
    return signing.TimestampSigner(salt=TIMESTAMP_SALT).sign(str(int((now or timezone.now()).timestamp())))


def validate_child_date_of_birth(value):
    if value > timezone.localdate():
        raise forms.ValidationError(_("The date of birth cannot be in the future."), code="future")
    if value < EARLIEST_BIRTH_DATE:
        raise forms.ValidationError(_("Enter a date of birth after 1900."), code="too_old")


class PhoneFieldMixin:
    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "")
        if not raw:
            return ""
        e164 = normalize_phone(raw)
        if e164 is None:
            raise forms.ValidationError(
                _("Enter a phone number we can call, for example (312) 555-0123."), code="invalid_phone"
            )
        return e164


class CaseReviewForm(PhoneFieldMixin, forms.ModelForm):
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("A US number, or an international number starting with +."),
    )
    description = forms.CharField(
        label=_("In your own words, what happened?"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional. Up to %(max)s characters.") % {"max": DESCRIPTION_MAX_LENGTH},
    )
    child_date_of_birth = forms.DateField(
        label=_("Child's date of birth"),
        required=False,
        validators=[validate_child_date_of_birth],
        error_messages={"invalid": _("Enter the date as month/day/year, for example 03/14/2021.")},
        # A plain text box: a native date picker is a row of tab stops that is hard to use by keyboard.
        widget=forms.DateInput(attrs={"autocomplete": "off"}, format="%m/%d/%Y"),
        help_text=_("Month/day/year, for example 03/14/2021."),
    )
    birth_state = forms.ChoiceField(
        label=_("State where the birth took place"),
        required=False,
        choices=[("", _("Choose a state"))] + US_STATE_CHOICES,
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box so that we may contact you about your case review.")},
    )
    # Spam traps: a field people never see, and when the form was shown (signed).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    source_article = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = CaseReview
        fields = [
            "full_name", "phone", "email", "preferred_contact", "best_time", "relationship",
            "child_date_of_birth", "birth_state", "facility_name", "facility_type",
            "diagnosis", "resuscitation", "nicu_stay", "cooling_therapy", "seizures",
            "consulted_other_lawyer", "description",
        ]
        labels = {
            "full_name": _("Your full name"),
            "email": _("Email address"),
            "preferred_contact": _("How should we contact you?"),
            "best_time": _("Best time to reach you"),
            "relationship": _("Your relationship to the child"),
            "facility_name": _("Hospital or birth facility"),
            "facility_type": _("Kind of facility"),
            "diagnosis": _("Diagnosis"),
            "resuscitation": _("Did the baby need resuscitation at birth?"),
            "nicu_stay": _("Did the baby stay in the NICU?"),
            "cooling_therapy": _("Did the baby receive cooling therapy (therapeutic hypothermia)?"),
            "seizures": _("Did the baby have seizures?"),
            "consulted_other_lawyer": _("Have you already talked to another lawyer about this?"),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "preferred_contact": forms.RadioSelect,
            "facility_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "resuscitation": forms.RadioSelect,
            "nicu_stay": forms.RadioSelect,
            "cooling_therapy": forms.RadioSelect,
            "seizures": forms.RadioSelect,
            "consulted_other_lawyer": forms.RadioSelect,
        }

    RADIO_FIELDS = ("preferred_contact", "resuscitation", "nicu_stay", "cooling_therapy", "seizures",
                    "consulted_other_lawyer")

    def __init__(self, *args, consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        for name in self.RADIO_FIELDS:
            field = self.fields[name]
            field.choices = [choice for choice in field.choices if choice[0] != ""]
        for name in ("best_time", "relationship", "facility_type", "diagnosis"):
            self.fields[name].choices = [("", _("Choose one"))] + [c for c in self.fields[name].choices if c[0]]
        if not self.is_bound:
            self.initial.setdefault("started", sign_started_at())
        self.helper = self._build_helper()

    def _build_helper(self):
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Fieldset(
                _("How can we reach you?"),
                "full_name", "phone", "email", "preferred_contact", "best_time", "relationship",
            ),
            Fieldset(
                _("About the birth (optional)"),
                "child_date_of_birth", "birth_state", "facility_name", "facility_type",
            ),
            Fieldset(
                _("Diagnosis and care after birth (optional)"),
                "diagnosis", "resuscitation", "nicu_stay", "cooling_therapy", "seizures",
            ),
            Fieldset(_("Anything else (optional)"), "consulted_other_lawyer", "description"),
            Div(Field("website"), css_class="hp-field", aria_hidden="true"),
            "started",
            "source_article",
            Fieldset(_("Permission to contact you"), "consent"),
            HTML(f'<p class="no-relationship">{NO_RELATIONSHIP_STATEMENT}</p>'),
            Submit("submit", _("Request my free case review"), css_class="btn-cta btn-lg"),
        )
        return helper

    def clean_full_name(self):
        name = self.cleaned_data["full_name"]
        if not any(ch.isalnum() for ch in name):
            raise forms.ValidationError(_("Enter your name."), code="invalid_name")
        return name

    def clean_source_article(self):
        slug = self.cleaned_data.get("source_article", "")
        if not slug or len(slug) > 200:
            return None
        # An unknown or unpublished slug is ignored: attribution must never block a request.
        return Article.objects.published().filter(slug=slug).first()

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("preferred_contact")
        phone, email = cleaned.get("phone"), cleaned.get("email")
        phone_ok = "phone" not in self.errors
        email_ok = "email" not in self.errors
        if method in (ContactMethod.PHONE, ContactMethod.TEXT) and not phone and phone_ok:
            self.add_error("phone", forms.ValidationError(
                _("Enter a phone number so that we can call or text you."), code="phone_required"))
        elif method == ContactMethod.EMAIL and not email and email_ok:
            self.add_error("email", forms.ValidationError(
                _("Enter an email address so that we can email you."), code="email_required"))
        return cleaned

    # Spam signals, read by the view after validation.
    def spam_reason(self, now=None):
        if self.cleaned_data.get("website"):
            return CaseReview.SpamReason.HONEYPOT
        try:
            started = int(signing.TimestampSigner(salt=TIMESTAMP_SALT).unsign(self.cleaned_data.get("started", "")))
        except (signing.BadSignature, ValueError):
            return CaseReview.SpamReason.BAD_TIMESTAMP
        elapsed = (now or timezone.now()).timestamp() - started
        if elapsed < settings.INTAKE_MIN_FILL_SECONDS:
            return CaseReview.SpamReason.TOO_FAST
        return ""

    def error_summary(self):
        """(link target, message) for every error, in the order of the form."""
        items = [("#case-review-form", message) for message in self.non_field_errors()]
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            target = f"{bound.auto_id}_0" if name in self.RADIO_FIELDS else bound.auto_id
            label = bound.label if name != "consent" else _("Permission to contact you")
            items.extend((f"#{target}", f"{label}: {message}") for message in self.errors[name])
        return items

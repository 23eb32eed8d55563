from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Article, Reference, normalize_doi
from .rendering import render_markdown


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The references formset checks the body's citation markers against the
        # references being submitted and reports unknown ones on this form's body field.
        self.instance._admin_form = self

    def report_unknown_citations(self, error):
        if "body" not in self._errors:
            self.add_error("body", error)


class ReferenceInlineForm(forms.ModelForm):
    class Meta:
        model = Reference
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields

    def clean_doi(self):
        return normalize_doi(self.cleaned_data.get("doi"))


class ReferenceInlineFormSet(forms.BaseInlineFormSet):
    """Refuses citation markers in the article body that name none of the submitted references."""

    def clean(self):
        super().clean()
        article = self.instance
        form = getattr(article, "_admin_form", None)
        if form is not None and "body" in form.errors:
            return  # the body itself is invalid; its own error is shown
        keys = set()
        for reference_form in self.forms:
            if self.can_delete and self._should_delete_form(reference_form):
                continue
            key = getattr(reference_form, "cleaned_data", {}).get("key")
            if key:
                keys.add(key)
        try:
            render_markdown(article.body, keys, strict=True)
        except ValidationError as error:
            if form is not None:
                form.report_unknown_citations(error)
            raise ValidationError(
                _("The body cites references that are not in this list; see the error on the body field."),
                code="unknown_citation",
            ) from error

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import ArticleAdminForm, ReferenceInlineForm, ReferenceInlineFormSet
from .models import Article, Person, Reference, Topic
from .services import article_publish, article_rerender, article_unpublish


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "job_title")
    search_fields = ("name", "credentials", "job_title", "bio")
    prepopulated_fields = {"slug": ("name",)}


class ReferenceInline(admin.TabularInline):
    model = Reference
    form = ReferenceInlineForm
    formset = ReferenceInlineFormSet
    ordering = ("position", "id")
    extra = 1
    fields = (
        "position", "key", "authors", "year", "title", "container", "volume", "issue", "pages", "doi", "url",
        "accessed_on", "evidence_type",
    )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = (ReferenceInline,)
    list_display = ("title", "status", "is_live", "topic", "published_at", "reviewed_on", "updated_on")
    list_filter = ("status", "topic", ("published_at", admin.DateFieldListFilter))
    list_select_related = ("topic",)
    search_fields = ("title", "summary", "body", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("author", "medical_reviewer")
    readonly_fields = ("reading_time", "table_of_contents", "rendered_body", "created_at", "modified_at")
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "summary", "body")}),
        (_("People and dates"), {"fields": ("author", "medical_reviewer", "reviewed_on", "updated_on")}),
        (_("Publishing"), {"fields": ("status", "published_at")}),
        (_("Hero image"), {"fields": ("hero_image", "hero_alt"), "classes": ("collapse",)}),
        (_("Search engines and sharing"), {"fields": ("seo_title", "meta_description"), "classes": ("collapse",)}),
        (
            _("Rendered (updated on save)"),
            {"fields": ("reading_time", "table_of_contents", "rendered_body", "created_at", "modified_at"),
             "classes": ("collapse",)},
        ),
    )

    @admin.display(boolean=True, description=_("live"))
    def is_live(self, obj):
        return obj.is_public

    @admin.display(description=_("table of contents"))
    def table_of_contents(self, obj):
        if not obj.toc:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{} {}</li>", ((f"H{entry['level']}", entry["title"]) for entry in obj.toc)),
        )

    @admin.display(description=_("rendered body"))
    def rendered_body(self, obj):
        # body_html is the output of our sanitizer (articles/rendering.py), never raw input.
        return mark_safe(f'<div class="rendered-article-body">{obj.body_html}</div>') if obj.body_html else "-"  # noqa: S308

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The body may cite references added in this same submission: render against the saved ones.
        article_rerender(article=form.instance)

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        count = article_publish(articles=queryset)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected articles (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = article_unpublish(articles=queryset)
        self.message_user(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count) % {"count": count},
            messages.SUCCESS,
        )

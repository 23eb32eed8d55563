from django.contrib import admin

from .models import FirmDetails


@admin.register(FirmDetails)
class FirmDetailsAdmin(admin.ModelAdmin):
    fieldsets = (
        (None, {"fields": ("name", "tagline")}),
        ("Contact", {"fields": ("phone", "phone_e164", "email", "hours")}),
        ("Office address", {"fields": ("street_address", "locality", "region", "postal_code")}),
        ("Sister site", {"fields": ("sister_site_name", "sister_site_url")}),
        ("Case-review intake", {"fields": ("intake_notify_emails", "callback_promise")}),
    )
    readonly_fields = ("updated_at",)

    def has_add_permission(self, request):
        return not FirmDetails.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

from django.conf import settings

from .models import FirmDetails


def site(request):
    return {
        "firm": FirmDetails.load(getattr(request, "content_generation", None)),
        "site_url": settings.SITE_URL,
    }

from django.conf import settings

from .models import FirmDetails


def site(request):
    return {
        "firm": FirmDetails.load(),
        "site_url": settings.SITE_URL,
    }

"""Friendly error pages that still show the firm's phone number."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context: the database may be the thing that failed.
    from .models import FirmDetails

    try:
        firm = FirmDetails.load()
    except Exception:  # noqa: BLE001 - the error page must render whatever broke
        firm = FirmDetails()
    return HttpResponseServerError(loader.render_to_string("500.html", {"firm": firm}))

from django.conf import settings

from .models import ContentGeneration, FirmDetails


def content_generation(request):
    """The content generation for this request, read at most once (the page cache may have read it)."""
    generation = getattr(request, "content_generation", None)
    if generation is None:
        generation = request.content_generation = ContentGeneration.current()
    return generation


def site(request):
    generation = content_generation(request)
    return {
        "firm": FirmDetails.load(generation),
        "site_url": settings.SITE_URL,
        # Rendered fragments ({% cache %}) are keyed on the generation, so an edit shows at once.
        "content_generation": generation,
        "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }

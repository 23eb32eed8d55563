"""Page-cache invalidation.

A signal is the one place that sees every edit of public content (admin
forms, inlines, management commands, the shell), so the content generation
is bumped here rather than in each writer.
"""

from django.db.models.signals import post_delete, post_save

from .models import ContentGeneration

PUBLIC_CONTENT_MODELS = (
    "articles.Article",
    "articles.Reference",
    "articles.Topic",
    "articles.Person",
    "cerebral_info.FirmDetails",
)


def bump_content_generation(sender, **kwargs):
    if kwargs.get("raw"):
        return
    ContentGeneration.bump()


for model in PUBLIC_CONTENT_MODELS:
    post_save.connect(bump_content_generation, sender=model, dispatch_uid=f"pagecache-save-{model}")
    post_delete.connect(bump_content_generation, sender=model, dispatch_uid=f"pagecache-delete-{model}")

from django.apps import AppConfig


class CerebralInfoConfig(AppConfig):
    name = "cerebral_info"
    verbose_name = "Site"

    def ready(self):
        from . import signals  # noqa: F401  (page-cache invalidation)

"""ASGI entry point. Production settings unless DJANGO_DEBUG=true is set."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cerebral_info.settings")

application = get_asgi_application()

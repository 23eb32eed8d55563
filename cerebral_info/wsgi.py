"""WSGI entry point. Production settings unless DJANGO_DEBUG=true is set."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cerebral_info.settings")

application = get_wsgi_application()

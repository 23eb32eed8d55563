"""Production settings for the servers the reliability tests start.

Everything comes from cerebral_info.settings and the environment; the only
change is unhashed static files, so that a test needs no collectstatic run.
"""

from cerebral_info.settings import *

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

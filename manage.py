#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that only read the code (no server, no data, no email) run without
# production configuration, with the development settings. Every other command
# needs the environment that the site itself needs (see .env.example).
CODE_ONLY_COMMANDS = {"makemigrations", "check", "help", "version", "sqlmigrate", "diffsettings"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cerebral_info.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    configured = (
        os.environ["DJANGO_SETTINGS_MODULE"] != "cerebral_info.settings"  # e.g. the test settings
        or "DJANGO_SECRET_KEY" in os.environ
        or "DJANGO_DEBUG" in os.environ
    )
    if not configured and command in CODE_ONLY_COMMANDS and "--deploy" not in sys.argv:
        os.environ["DJANGO_DEBUG"] = "true"

    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load the settings here to report what is missing clearly
    except ImproperlyConfigured as exc:
        sys.exit(f"manage.py {command}: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

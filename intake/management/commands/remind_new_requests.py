from django.conf import settings
from django.core.management.base import BaseCommand

from intake.services import new_requests_remind


class Command(BaseCommand):
    help = (
        "Email the intake team about case-review requests still 'new' after "
        "INTAKE_NEW_REMINDER_MINUTES (or --minutes). Each request is included once; safe to run from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=None)

    def handle(self, *args, minutes, **options):
        minutes = settings.INTAKE_NEW_REMINDER_MINUTES if minutes is None else minutes
        count = new_requests_remind(older_than_minutes=minutes)
        self.stdout.write(f"Reminded the intake team about {count} request(s).")

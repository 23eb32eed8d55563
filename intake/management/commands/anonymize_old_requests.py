from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.services import case_reviews_anonymize


class Command(BaseCommand):
    help = (
        "Blank the name, contact details, description, IP address and user agent of closed case-review "
        "requests older than INTAKE_RETENTION_DAYS (or --days), in the requests and in their history. "
        "Status, diagnosis, state and dates are kept for the reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        days = settings.INTAKE_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        count = case_reviews_anonymize(older_than_days=days)
        self.stdout.write(f"Anonymized {count} request(s) older than {days} days.")

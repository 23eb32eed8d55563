from datetime import timedelta

from django.core.management.base import BaseCommand

from intake.services import notifications_retry


class Command(BaseCommand):
    help = (
        "Send case-review notification emails that are pending or failed. Safe to run from cron: "
        "each notification is claimed atomically, so overlapping runs never send it twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-attempts", type=int, default=10, help="Give up after this many attempts.")
        parser.add_argument(
            "--stale-minutes", type=int, default=30,
            help="Retry a notification left in 'sending' by a run that stopped this many minutes ago.",
        )

    def handle(self, *args, max_attempts, stale_minutes, **options):
        results = notifications_retry(max_attempts=max_attempts, stale_after=timedelta(minutes=stale_minutes))
        self.stdout.write(
            f"Notifications sent: {results['sent']}, failed: {results['failed']}, "
            f"taken by another run: {results['skipped']}."
        )

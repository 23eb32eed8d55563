from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo topics, people and articles (idempotent). Placeholder."

    def handle(self, *args, **options):
        self.stdout.write("No demo content yet.")

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Development only: create a local superuser login and print its password once. "
        "Does nothing if the login already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="localadmin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_staff only runs with DJANGO_DEBUG=true (development).")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Local staff login '{username}' already exists (its password was printed when it was created).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=f"{username}@localhost", password=password)
        self.stdout.write(self.style.SUCCESS("Created a local staff login for the admin (shown only this once):"))
        self.stdout.write(f"  URL:      http://127.0.0.1:8000/{settings.ADMIN_URL}")
        self.stdout.write(f"  Username: {username}")
        self.stdout.write(f"  Password: {password}")

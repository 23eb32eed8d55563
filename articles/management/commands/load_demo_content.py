import datetime
from typing import NamedTuple

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo_content
from articles.models import Article, Person, Reference, Topic

PUBLISH_TIME = datetime.time(9, 0)


class PendingReference(NamedTuple):
    key: str


class Command(BaseCommand):
    help = (
        "Load the demo topics, people (clearly labelled placeholders) and published articles with their "
        "references. Safe to run again: rows are matched by slug (references by article and key) and updated "
        "in place, and references no longer in the demo data are removed."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        topics = {item["slug"]: self.upsert(Topic, item) for item in demo_content.TOPICS}
        people = {item["slug"]: self.upsert(Person, item) for item in demo_content.PEOPLE}

        created = reference_count = 0
        for item in demo_content.ARTICLES:
            created += self.upsert_article(item, topics=topics, people=people)
            reference_count += len(item["references"])

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {len(topics)} topics, {len(people)} people, "
                f"{len(demo_content.ARTICLES)} articles ({created} new), {reference_count} references."
            )
        )

    def upsert(self, model, item):
        fields = {name: value for name, value in item.items() if name != "slug"}
        obj = model.objects.filter(slug=item["slug"]).first() or model(slug=item["slug"])
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        return obj

    def upsert_article(self, item, *, topics, people):
        """Create or update one article and its references; return whether it was new."""
        article = Article.objects.filter(slug=item["slug"]).first()
        was_created = article is None
        if was_created:
            article = Article(slug=item["slug"])

        reviewer = item["medical_reviewer"]
        article.title = item["title"]
        article.summary = item["summary"]
        article.body = item["body"]
        article.topic = topics[item["topic"]]
        article.author = people[item["author"]]
        article.medical_reviewer = people[reviewer] if reviewer else None
        article.status = Article.Status.PUBLISHED
        article.published_at = timezone.make_aware(datetime.datetime.combine(item["published"], PUBLISH_TIME))
        article.reviewed_on = item["reviewed"]
        article.updated_on = item["updated"]
        article.seo_title = item["seo_title"]
        article.meta_description = item["meta_description"]
        # Checked against the references about to be saved: an unknown marker aborts the whole load.
        article.render_body(references=[PendingReference(ref["key"]) for ref in item["references"]])
        article.full_clean()
        article.save()

        self.sync_references(article, item["references"])
        return was_created

    def sync_references(self, article, references):
        keys = [ref["key"] for ref in references]
        article.references.exclude(key__in=keys).delete()
        existing = {ref.key: ref for ref in article.references.all()}
        for position, data in enumerate(references):
            reference = existing.get(data["key"]) or Reference(article=article, key=data["key"])
            reference.position = position
            for name, value in data.items():
                if name != "key":
                    setattr(reference, name, value)
            reference.full_clean()
            reference.save()

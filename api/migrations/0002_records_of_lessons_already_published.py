"""A record for each lesson harvestable when the OAI-PMH repository opens (api/harvest.py):
live, public, and of no network or a live, public one; datestamped when it was last
published. The same rule as api.harvest.harvestable, on the historical models."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def add_records(apps, schema_editor):
    LessonPage = apps.get_model("lessons", "LessonPage")
    LessonMaturityLink = apps.get_model("lessons", "LessonMaturityLink")
    HarvestRecord = apps.get_model("api", "HarvestRecord")
    lessons = LessonPage.objects.filter(live=True, visibility="public").filter(
        Q(network__isnull=True) | Q(network__live=True, network__visibility="public")
    )
    for lesson in lessons.select_related("network"):
        specs = [f"kind:{lesson.kind}"]
        if lesson.network_id:
            specs.append(f"network:{lesson.network.slug}")
        links = LessonMaturityLink.objects.filter(lesson_id=lesson.pk)
        specs += [f"outcome:{code}" for code in links.values_list("dimension__code", flat=True)]
        HarvestRecord.objects.get_or_create(
            lesson_id=lesson.pk,
            defaults={
                "changed_at": lesson.last_published_at or timezone.now(),
                "sets": f" {' '.join(specs)} ",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_harvest_records"),
        ("lessons", "0018_lesson_impact"),
        ("network", "0009_private_profile_photos"),
    ]

    operations = [migrations.RunPython(add_records, migrations.RunPython.noop)]

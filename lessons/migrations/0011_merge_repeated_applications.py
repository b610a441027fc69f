"""One application per member, lesson and setting (issue 16, item 3): before the constraint of
0011 is added, merge the repeats that exist. The earliest application of each repeated (lesson,
applier, setting) is kept; it takes the latest result recorded on any of them (and the earliest
reminder sent, so nobody is asked twice); the others are deleted. Imported applications, which
name nobody, are left alone."""

from django.db import migrations
from django.db.models import Count


def merge_repeated_applications(apps, schema_editor):
    Application = apps.get_model("lessons", "Application")
    repeated = (
        Application.objects.filter(applier__isnull=False)
        .values("lesson_id", "applier_id", "setting")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    for group in repeated:
        applications = list(
            Application.objects.filter(
                lesson_id=group["lesson_id"],
                applier_id=group["applier_id"],
                setting=group["setting"],
            ).order_by("created_at", "pk")
        )
        kept, others = applications[0], applications[1:]
        with_result = [a for a in applications if a.result]
        if with_result:
            latest = max(with_result, key=lambda a: (a.result_on or a.applied_on, a.updated_at))
            kept.result, kept.result_note, kept.result_on = (
                latest.result,
                latest.result_note,
                latest.result_on,
            )
        reminded = [a.reminder_sent_at for a in applications if a.reminder_sent_at]
        if reminded:
            kept.reminder_sent_at = min(reminded)
        kept.save(update_fields=["result", "result_note", "result_on", "reminder_sent_at"])
        Application.objects.filter(pk__in=[a.pk for a in others]).delete()


class Migration(migrations.Migration):
    dependencies = [("lessons", "0010_review_by_site_editors")]

    operations = [
        migrations.RunPython(merge_repeated_applications, migrations.RunPython.noop),
    ]

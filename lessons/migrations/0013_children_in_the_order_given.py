"""A lesson's team, outcomes and related lessons keep the order they were given.

Rows written by the importer and the share form had no `sort_order`, so PostgreSQL could return
them in any order. Existing rows are numbered in the order they were written (their ids).
"""

from django.db import migrations

CHILDREN = ["TeamMember", "LessonMaturityLink", "LessonRelation"]


def number_in_written_order(apps, schema_editor):
    for name in CHILDREN:
        model = apps.get_model("lessons", name)
        unnumbered = model.objects.filter(
            lesson__in=model.objects.filter(sort_order=None).values("lesson")
        )
        position, lesson_id, changed = 0, None, []
        for row in unnumbered.order_by("lesson_id", "sort_order", "pk").only("pk", "lesson_id"):
            position = position + 1 if row.lesson_id == lesson_id else 0
            lesson_id = row.lesson_id
            row.sort_order = position
            changed.append(row)
        model.objects.bulk_update(changed, ["sort_order"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0012_one_application_per_member_and_setting"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="lessonmaturitylink",
            options={"ordering": ["sort_order", "pk"]},
        ),
        migrations.AlterModelOptions(
            name="lessonrelation",
            options={"ordering": ["sort_order", "pk"]},
        ),
        migrations.AlterModelOptions(
            name="teammember",
            options={"ordering": ["sort_order", "pk"]},
        ),
        migrations.RunPython(number_in_written_order, migrations.RunPython.noop),
    ]

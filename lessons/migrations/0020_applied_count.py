"""How many times each lesson was applied, as a column (LessonPage.applied_count), counted from
the applications already recorded; Application keeps it from then on."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_applications(apps, schema_editor):
    LessonPage = apps.get_model("lessons", "LessonPage")
    Application = apps.get_model("lessons", "Application")
    counted = (
        Application.objects.filter(lesson=OuterRef("pk"))
        .order_by()
        .values("lesson")
        .annotate(n=Count("pk"))
        .values("n")
    )
    LessonPage.objects.update(applied_count=Coalesce(Subquery(counted), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0019_similar_boxes"),
    ]

    operations = [
        migrations.AddField(
            model_name="lessonpage",
            name="applied_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_applications, migrations.RunPython.noop, elidable=True),
    ]
